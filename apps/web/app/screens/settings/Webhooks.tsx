import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { type ApiProblem, problemOf } from '../../api/errors';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Checkbox } from '../../ui/Choice';
import { Dialog } from '../../ui/Dialog';
import { TextArea, TextField } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';
import { SecretOnce } from '../../ui/Secret';
import { formatMoment } from '../../ui/format';

const Endpoints = graphql(`
  query WebhookEndpoints {
    webhookEndpoints(page: { first: 100 }) { totalCount edges { node { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }
    webhookDeadLetters(page: { first: 100 }) {
      totalCount
      edges { node { id endpointUrl eventType attempts lastStatusCode lastError lastAttemptAt deadAt redeliveries } }
    }
  }
`);
const Create = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }
`);
const Update = graphql(`
  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } }
`);
const Rotate = graphql(`
  mutation RotateWebhookSecret($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }
`);
const Delete = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }
`);
const Redeliver = graphql(`
  mutation RedeliverWebhook($id: ID!) { redeliverWebhook(id: $id) { id status attempts redeliveries } }
`);

// The outbox's domain events (DOMAIN_EVENT_TYPES in packages/domain); the schema names them only in prose.
const EVENT_TYPES = [
  { value: 'assessment.submitted', label: 'An assessment is submitted' },
  { value: 'assessment.reopened', label: 'An assessment is reopened' },
  { value: 'plan.generated', label: 'An action plan is generated' },
  { value: 'action_item.status_changed', label: 'An action item changes status' },
  { value: 'action_item.overdue', label: 'An action item becomes overdue' },
  { value: 'partner.review_due', label: 'A partnership review is due' },
] as const;

interface Endpoint { id: string; url: string; description?: string | null; eventTypes: string[]; enabled: boolean; previousSecretExpiresAt?: string | null }
interface Shown { title: string; secret: string; note: string }

export default function Webhooks() {
  const [{ data, error, fetching }, refresh] = useQuery({ query: Endpoints });
  const [shown, setShown] = useState<Shown | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Endpoint | null>(null);
  const [updated, update] = useMutation(Update);
  const [rotated, rotate] = useMutation(Rotate);
  const [deleted, remove] = useMutation(Delete);
  const [redelivered, redeliver] = useMutation(Redeliver);
  const reload = () => refresh({ requestPolicy: 'network-only' });
  const problem = problemOf(error);

  if (!data && problem?.code === 'FORBIDDEN') {
    return (
      <Page title="Webhooks">
        <Alert tone="info" title="No access to webhooks">
          <p>Only the organisation’s owners and managers manage its webhooks. Ask one of them if you need an endpoint added or changed.</p>
        </Alert>
      </Page>
    );
  }

  const endpoints = (data?.webhookEndpoints.edges ?? []).map((e) => e.node);
  const editingEndpoint = endpoints.find((e) => e.id === editing) ?? null;
  return (
    <Page
      title="Webhooks"
      busy={fetching && !!data}
      intro={<p>Waymark POSTs signed events (Standard Webhooks) to these endpoints. Each endpoint’s signing secret is shown once, when it is made or rotated.</p>}
    >
      {shown ? <SecretOnce title={shown.title} label="The signing secret" value={shown.secret}>{shown.note}</SecretOnce> : null}
      <ProblemAlert problem={problemOf(updated.error) ?? problemOf(rotated.error) ?? problemOf(deleted.error)} />
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problem} />) : (
        <>
          <section aria-labelledby="endpoints-heading">
            <h2 id="endpoints-heading">Endpoints</h2>
            {endpoints.length === 0 ? <p>No endpoints yet.</p> : (
              <div className="table-wrap">
                <table>
                  <caption>{data.webhookEndpoints.totalCount} endpoints</caption>
                  <thead><tr><th scope="col">URL</th><th scope="col">For</th><th scope="col">Events</th><th scope="col">State</th><th scope="col">Actions</th></tr></thead>
                  <tbody>
                    {endpoints.map((e) => (
                      <tr key={e.id}>
                        <th scope="row"><code>{e.url}</code></th>
                        <td>{e.description ?? '—'}</td>
                        <td className="small">{e.eventTypes.join(', ')}</td>
                        <td>
                          {e.enabled ? 'Enabled' : 'Disabled'}
                          {e.previousSecretExpiresAt ? <span className="small"><br />previous secret signs until {formatMoment(e.previousSecretExpiresAt)}</span> : null}
                        </td>
                        <td>
                          <div className="buttons">
                            <button type="button" className="button-link" onClick={() => setEditing(e.id)}>Edit<span className="visually-hidden"> {e.url}</span></button>
                            <button type="button" className="button-link" disabled={updated.fetching} onClick={() => void update({ id: e.id, input: { enabled: !e.enabled } })}>
                              {e.enabled ? 'Disable' : 'Enable'}<span className="visually-hidden"> {e.url}</span>
                            </button>
                            <button
                              type="button"
                              className="button-link"
                              disabled={rotated.fetching}
                              onClick={() =>
                                void rotate({ id: e.id }).then((r) => {
                                  if (!r.data) return;
                                  setShown({
                                    title: `New signing secret for ${e.url}`,
                                    secret: r.data.rotateWebhookSecret.secret,
                                    note: `The previous secret keeps signing beside this one until ${formatMoment(r.data.rotateWebhookSecret.endpoint.previousSecretExpiresAt)}, so each delivery carries both signatures meanwhile: put the new secret in your receiver before then.`,
                                  });
                                })
                              }
                            >
                              Rotate secret<span className="visually-hidden"> of {e.url}</span>
                            </button>
                            <button type="button" className="button-link" onClick={() => setDeleting(e)}>Delete<span className="visually-hidden"> {e.url}</span></button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {editingEndpoint ? (
            <EndpointForm
              key={editingEndpoint.id}
              endpoint={editingEndpoint}
              onDone={() => setEditing(null)}
            />
          ) : (
            <EndpointForm
              onDone={(secret, url) => {
                if (secret) setShown({ title: `Endpoint ${url} created`, secret, note: 'Verify each delivery’s webhook-signature with it.' });
                reload();
              }}
            />
          )}
          <DeadLetters
            letters={data.webhookDeadLetters.edges.map((e) => e.node)}
            busy={redelivered.fetching}
            problem={problemOf(redelivered.error)}
            onRedeliver={(id) => void redeliver({ id }).then((r) => r.data && reload())}
          />
        </>
      )}
      <Dialog open={!!deleting} title="Delete this endpoint?" onClose={() => setDeleting(null)}>
        <p>Nothing more is sent to <code>{deleting?.url}</code>, and its delivery history is deleted with it. This cannot be undone.</p>
        <div className="buttons">
          <button
            type="button"
            className="button button-danger"
            disabled={deleted.fetching}
            onClick={() => {
              if (!deleting) return;
              void remove({ id: deleting.id }).then((r) => {
                setDeleting(null);
                if (r.data) {
                  if (editing === deleting.id) setEditing(null);
                  reload();
                }
              });
            }}
          >
            Delete endpoint
          </button>
          <button type="button" className="button button-secondary" onClick={() => setDeleting(null)}>Keep it</button>
        </div>
      </Dialog>
    </Page>
  );
}

/** Create (no endpoint) or edit one; an API refusal of a field is shown beside that field. */
function EndpointForm({ endpoint, onDone }: { endpoint?: Endpoint; onDone: (secret: string | null, url: string) => void }) {
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [eventTypes, setEventTypes] = useState<string[]>(endpoint?.eventTypes ?? []);
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [enabled, setEnabled] = useState(endpoint?.enabled ?? true);
  const [created, create] = useMutation(Create);
  const [updated, update] = useMutation(Update);
  const problem = problemOf(endpoint ? updated.error : created.error);
  const fieldError = (field: string) => (problem?.code === 'BAD_USER_INPUT' && problem.field === field ? problem.message : null);
  const placed = problem?.code === 'BAD_USER_INPUT' && ['url', 'eventTypes', 'description'].includes(problem.field ?? '');
  const busy = created.fetching || updated.fetching;
  const title = endpoint ? `Edit ${endpoint.url}` : 'Add an endpoint';
  return (
    <form
      className="card"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        const input = { url, eventTypes, description: description.trim() || null, enabled };
        if (endpoint) {
          void update({ id: endpoint.id, input }).then((r) => r.data && onDone(null, r.data.updateWebhookEndpoint.url));
        } else {
          void create({ input }).then((r) => {
            if (!r.data) return;
            setUrl('');
            setEventTypes([]);
            setDescription('');
            setEnabled(true);
            onDone(r.data.createWebhookEndpoint.secret, r.data.createWebhookEndpoint.endpoint.url);
          });
        }
      }}
    >
      <h2>{title}</h2>
      <TextField
        label="URL"
        type="url"
        inputMode="url"
        hint="An https address on the public internet; private and local addresses are refused."
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={fieldError('url')}
        required
      />
      <fieldset className="filters" aria-describedby={fieldError('eventTypes') ? 'event-types-error' : undefined}>
        <legend>Events to send</legend>
        {fieldError('eventTypes') ? <p className="error-text" id="event-types-error">{fieldError('eventTypes')}</p> : null}
        {EVENT_TYPES.map((t) => (
          <Checkbox
            key={t.value}
            label={<>{t.label} <code className="small">{t.value}</code></>}
            checked={eventTypes.includes(t.value)}
            onChange={(on) => setEventTypes(on ? [...eventTypes, t.value] : eventTypes.filter((x) => x !== t.value))}
          />
        ))}
      </fieldset>
      <TextArea label="What it is for (optional)" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} error={fieldError('description')} />
      <Checkbox label="Enabled: send events to it" checked={enabled} onChange={setEnabled} />
      <div className="buttons">
        <button type="submit" className="button" disabled={busy || !eventTypes.length}>{endpoint ? 'Save changes' : 'Add endpoint'}</button>
        {endpoint ? <button type="button" className="button button-secondary" onClick={() => onDone(null, endpoint.url)}>Cancel</button> : null}
      </div>
      {!eventTypes.length ? <p className="hint">Choose at least one event.</p> : null}
      {placed ? null : <ProblemAlert problem={problem} />}
    </form>
  );
}

interface DeadLetter { id: string; endpointUrl: string; eventType: string; attempts: number; lastStatusCode?: number | null; lastError?: string | null; deadAt?: string | null; redeliveries: number }

function DeadLetters({ letters, busy, problem, onRedeliver }: { letters: DeadLetter[]; busy: boolean; problem: ApiProblem | null; onRedeliver: (id: string) => void }) {
  return (
    <section aria-labelledby="dead-heading">
      <h2 id="dead-heading">Dead letters</h2>
      <p>Deliveries whose every try failed. Redeliver one once its endpoint is working again: it gets a fresh set of tries.</p>
      <ProblemAlert problem={problem} />
      {letters.length === 0 ? <p>None: every delivery so far has arrived or is still being tried.</p> : (
        <div className="table-wrap">
          <table>
            <caption>{letters.length} dead letters</caption>
            <thead><tr><th scope="col">Event</th><th scope="col">Endpoint</th><th scope="col">Tries</th><th scope="col">Last status</th><th scope="col">Last error</th><th scope="col">Dead since</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
            <tbody>
              {letters.map((d) => (
                <tr key={d.id}>
                  <th scope="row"><code>{d.eventType}</code></th>
                  <td><code>{d.endpointUrl}</code></td>
                  <td>{d.attempts}{d.redeliveries ? ` (${d.redeliveries} redeliveries)` : ''}</td>
                  <td>{d.lastStatusCode ?? 'no answer'}</td>
                  <td className="small">{d.lastError ?? '—'}</td>
                  <td>{formatMoment(d.deadAt)}</td>
                  <td><button type="button" className="button button-small" disabled={busy} onClick={() => onRedeliver(d.id)}>Redeliver<span className="visually-hidden"> {d.eventType} to {d.endpointUrl}</span></button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
