import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { NotificationFrequency } from '../../gql/graphql';
import { problemOf } from '../../api/errors';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { RadioGroup } from '../../ui/Choice';
import { Dialog } from '../../ui/Dialog';
import { Loading, Page } from '../../ui/Page';
import { SecretOnce } from '../../ui/Secret';
import { formatMoment } from '../../ui/format';
import { useOrganisation } from '../../layout/organisation';

const Settings = graphql(`
  query NotificationSettings { notificationPreference { frequency updatedAt } calendarFeed { createdAt lastUsedAt } }
`);
const SetPreference = graphql(`
  mutation SetNotificationPreference($frequency: NotificationFrequency!) { setNotificationPreference(frequency: $frequency) { frequency updatedAt } }
`);
const CreateFeed = graphql(`
  mutation CreateCalendarFeed { createCalendarFeed { url createdAt } }
`);
const RevokeFeed = graphql(`
  mutation RevokeCalendarFeed { revokeCalendarFeed }
`);

const FREQUENCIES: readonly { value: NotificationFrequency; label: string }[] = [
  { value: 'IMMEDIATE', label: 'As they come (each reminder run)' },
  { value: 'DAILY', label: 'One digest a day' },
  { value: 'WEEKLY', label: 'One digest a week' },
  { value: 'NONE', label: 'No reminder emails' },
];
const isFrequency = (value: string): value is NotificationFrequency => FREQUENCIES.some((f) => f.value === value);

export default function Notifications() {
  const org = useOrganisation();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Settings });
  const [saved, save] = useMutation(SetPreference);
  // The choice shows at once; a refusal puts back what the API holds.
  const [chosen, setChosen] = useState<NotificationFrequency | null>(null);
  return (
    <Page title="Notifications" intro={<p>Your own reminders from {org.name}: how often they are emailed to you, and a calendar feed of the due and review dates of the action items you own.</p>}>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : (
        <>
          <section className="card" aria-labelledby="email-heading">
            <h2 id="email-heading">Reminder emails</h2>
            <RadioGroup
              legend="How often should Waymark email your reminders?"
              name="frequency"
              options={FREQUENCIES}
              value={chosen ?? data.notificationPreference.frequency}
              describedBy="frequency-hint"
              onChange={(value) => {
                if (!isFrequency(value)) return;
                setChosen(value);
                void save({ frequency: value }).then((r) => {
                  if (!r.data) setChosen(null);
                });
              }}
            />
            <p className="hint" id="frequency-hint">
              Saved as soon as you choose. This applies to {org.name} only.
              {data.notificationPreference.updatedAt ? ` Last changed ${formatMoment(data.notificationPreference.updatedAt)}.` : ' You have the default (daily).'}
            </p>
            {saved.data && !saved.fetching ? <Alert tone="success">Saved: {FREQUENCIES.find((f) => f.value === saved.data?.setNotificationPreference.frequency)?.label.toLowerCase()}.</Alert> : null}
            <ProblemAlert problem={problemOf(saved.error)} />
          </section>
          <CalendarFeed feed={data.calendarFeed ?? null} onChange={() => refresh({ requestPolicy: 'network-only' })} />
        </>
      )}
    </Page>
  );
}

function CalendarFeed({ feed, onChange }: { feed: { createdAt: string; lastUsedAt?: string | null } | null; onChange: () => void }) {
  const [created, create] = useMutation(CreateFeed);
  const [revoked, revoke] = useMutation(RevokeFeed);
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="card" aria-labelledby="feed-heading">
      <h2 id="feed-heading">Calendar feed</h2>
      <p>Subscribe to a secret address in your calendar app (iCalendar). Anyone with the address can read the dates, so keep it to yourself; making a new one stops the old one working.</p>
      {url ? (
        <SecretOnce title="Your calendar feed address" label="The calendar feed address" value={url}>Paste it into your calendar app’s “subscribe by URL”.</SecretOnce>
      ) : null}
      {feed ? (
        <p>You have a feed, made {formatMoment(feed.createdAt)}; {feed.lastUsedAt ? `last read by a calendar ${formatMoment(feed.lastUsedAt)}` : 'not read by a calendar yet'}.</p>
      ) : (
        <p>You have no calendar feed{revoked.data ? ' now: the old address answers nothing' : ''}.</p>
      )}
      <div className="buttons">
        <button
          type="button"
          className="button"
          disabled={created.fetching}
          onClick={() =>
            void create({}).then((r) => {
              if (!r.data) return;
              setUrl(r.data.createCalendarFeed.url);
              onChange();
            })
          }
        >
          {feed ? 'Make a new address' : 'Make a feed address'}
        </button>
        {feed ? <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>Revoke the feed</button> : null}
      </div>
      <ProblemAlert problem={problemOf(created.error) ?? problemOf(revoked.error)} />
      <Dialog open={confirming} title="Revoke your calendar feed?" onClose={() => setConfirming(false)}>
        <p>Calendars subscribed to it stop updating; its address will answer “not found”.</p>
        <div className="buttons">
          <button
            type="button"
            className="button button-danger"
            disabled={revoked.fetching}
            onClick={() =>
              void revoke({}).then((r) => {
                setConfirming(false);
                if (!r.data) return;
                setUrl(null);
                onChange();
              })
            }
          >
            Revoke feed
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>Keep it</button>
        </div>
      </Dialog>
    </section>
  );
}
