import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { NotificationFrequency } from '../../gql/graphql';
import { problemOf } from '../../api/errors';
import { useFormat } from '../../i18n/format';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { RadioGroup } from '../../ui/Choice';
import { useConfirm } from '../../ui/Dialog';
import { Loading, Page } from '../../ui/Page';
import { SecretOnce } from '../../ui/Secret';
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

const FREQUENCIES: readonly NotificationFrequency[] = ['IMMEDIATE', 'DAILY', 'WEEKLY', 'NONE'];
const isFrequency = (value: string): value is NotificationFrequency => (FREQUENCIES as readonly string[]).includes(value);

export default function Notifications() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const fmt = useFormat();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Settings });
  const [saved, save] = useMutation(SetPreference);
  // The choice shows at once; a refusal puts back what the API holds.
  const [chosen, setChosen] = useState<NotificationFrequency | null>(null);
  const label = (f: NotificationFrequency) => t(`notifications.frequency.${f}`);
  return (
    <Page title={t('notifications.title')} intro={<p>{t('notifications.intro', { organisation: org.name })}</p>}>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : (
        <>
          <section className="card" aria-labelledby="email-heading">
            <h2 id="email-heading">{t('notifications.emails')}</h2>
            <RadioGroup
              legend={t('notifications.howOften')}
              name="frequency"
              options={FREQUENCIES.map((value) => ({ value, label: label(value) }))}
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
              {t('notifications.savedAsChosen', { organisation: org.name })}{' '}
              {data.notificationPreference.updatedAt ? t('notifications.lastChanged', { when: fmt.moment(data.notificationPreference.updatedAt) }) : t('notifications.default')}
            </p>
            {saved.data && !saved.fetching ? <Alert tone="success">{t('notifications.saved', { choice: label(saved.data.setNotificationPreference.frequency) })}</Alert> : null}
            <ProblemAlert problem={problemOf(saved.error)} />
          </section>
          <CalendarFeed feed={data.calendarFeed ?? null} onChange={() => refresh({ requestPolicy: 'network-only' })} />
        </>
      )}
    </Page>
  );
}

function CalendarFeed({ feed, onChange }: { feed: { createdAt: string; lastUsedAt?: string | null } | null; onChange: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [created, create] = useMutation(CreateFeed);
  const [revoked, revoke] = useMutation(RevokeFeed);
  const [url, setUrl] = useState<string | null>(null);
  const [dialog, confirm] = useConfirm();
  const make = async () => {
    const r = await create({});
    if (!r.data) return problemOf(r.error);
    setUrl(r.data.createCalendarFeed.url);
    onChange();
    return null;
  };
  return (
    <section className="card" aria-labelledby="feed-heading">
      <h2 id="feed-heading" tabIndex={-1}>{t('notifications.feed.heading')}</h2>
      <p>{t('notifications.feed.intro')}</p>
      {url ? <SecretOnce title={t('notifications.feed.yours')} label={t('notifications.feed.label')} value={url}>{t('notifications.feed.paste')}</SecretOnce> : null}
      {feed ? (
        <p>{feed.lastUsedAt ? t('notifications.feed.haveUsed', { made: fmt.moment(feed.createdAt), used: fmt.moment(feed.lastUsedAt) }) : t('notifications.feed.haveUnused', { made: fmt.moment(feed.createdAt) })}</p>
      ) : (
        <p>{revoked.data ? t('notifications.feed.noneNow') : t('notifications.feed.none')}</p>
      )}
      <div className="buttons">
        <button
          type="button"
          className="button"
          disabled={created.fetching}
          onClick={() => {
            // A new address ends the old one: that is a revocation, so it asks first.
            if (!feed) void make();
            else
              confirm({
                title: t('notifications.feed.replace.title'),
                body: <p>{t('notifications.feed.replace.body')}</p>,
                confirmLabel: t('notifications.feed.replace.button'),
                run: make,
              });
          }}
        >
          {feed ? t('notifications.feed.makeNew') : t('notifications.feed.make')}
        </button>
        {feed ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              confirm({
                title: t('notifications.feed.revoke.title'),
                body: <p>{t('notifications.feed.revoke.body')}</p>,
                confirmLabel: t('notifications.feed.revoke.button'),
                danger: true,
                after: () => document.getElementById('feed-heading'),
                run: async () => {
                  const r = await revoke({});
                  if (!r.data) return problemOf(r.error);
                  setUrl(null);
                  onChange();
                  return null;
                },
              })
            }
          >
            {t('notifications.feed.revoke.open')}
          </button>
        ) : null}
      </div>
      <ProblemAlert problem={problemOf(created.error)} />
      {dialog}
    </section>
  );
}
