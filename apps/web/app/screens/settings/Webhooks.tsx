import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '@waymark/domain/limits';
import { graphql } from '../../gql';
import { type ApiProblem, fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { useFormat } from '../../i18n/format';
import { runtimeKey } from '../../i18n/i18n';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Checkbox } from '../../ui/Choice';
import { useConfirm } from '../../ui/Dialog';
import { TextArea, TextField } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';
import { SecretOnce } from '../../ui/Secret';
import { TableFrame } from '../../ui/TableFrame';

const Endpoints = graphql(`
  query WebhookEndpoints {
    webhookEndpoints(first: 100) { totalCount edges { node { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }
    webhookDeadLetters(first: 100) {
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
const EVENT_TYPES = ['assessment.submitted', 'assessment.reopened', 'plan.generated', 'action_item.status_changed', 'action_item.overdue', 'partner.review_due'] as const;
const eventKey = (type: string) => runtimeKey(`webhooks.event.${type.replace('.', '_')}`);

interface Endpoint { id: string; url: string; description?: string | null; eventTypes: string[]; enabled: boolean; previousSecretExpiresAt?: string | null }
interface Shown { title: string; secret: string; note: string }

export default function Webhooks() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Endpoints });
  const [shown, setShown] = useState<Shown | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [updated, update] = useMutation(Update);
  const [, rotate] = useMutation(Rotate);
  const [, remove] = useMutation(Delete);
  const [redelivered, redeliver] = useMutation(Redeliver);
  const [dialog, confirm] = useConfirm();
  const reload = () => refresh({ requestPolicy: 'network-only' });
  const problem = problemOf(error);

  if (!data && problem?.code === 'FORBIDDEN') {
    return (
      <Page title={t('webhooks.title')}>
        <Alert tone="info" title={t('webhooks.noAccess.title')}>
          <p>{t('webhooks.noAccess.body')}</p>
        </Alert>
      </Page>
    );
  }

  const endpoints = (data?.webhookEndpoints.edges ?? []).map((e) => e.node);
  const editingEndpoint = endpoints.find((e) => e.id === editing) ?? null;
  return (
    <Page title={t('webhooks.title')} busy={fetching && !!data} intro={<p>{t('webhooks.intro')}</p>}>
      {shown ? <SecretOnce title={shown.title} label={t('webhooks.secretLabel')} value={shown.secret}>{shown.note}</SecretOnce> : null}
      <ProblemAlert problem={problemOf(updated.error)} />
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problem} />) : (
        <>
          <section aria-labelledby="endpoints-heading">
            <h2 id="endpoints-heading" tabIndex={-1}>{t('webhooks.endpoints')}</h2>
            {endpoints.length === 0 ? <p>{t('webhooks.none')}</p> : (
              <TableFrame label={t('webhooks.caption', { count: data.webhookEndpoints.totalCount })}>
                <table>
                  <caption>{t('webhooks.caption', { count: data.webhookEndpoints.totalCount })}</caption>
                  <thead><tr><th scope="col">{t('webhooks.col.url')}</th><th scope="col">{t('webhooks.col.for')}</th><th scope="col">{t('webhooks.col.events')}</th><th scope="col">{t('webhooks.col.state')}</th><th scope="col">{t('common.actions')}</th></tr></thead>
                  <tbody>
                    {endpoints.map((e) => (
                      <tr key={e.id}>
                        <th scope="row" className="user-text"><code translate="no">{e.url}</code></th>
                        <td translate="no">{e.description ?? t('common.dash')}</td>
                        <td className="small">{e.eventTypes.map((type) => t(eventKey(type))).join('; ')}</td>
                        <td>
                          {e.enabled ? t('webhooks.enabled') : t('webhooks.disabled')}
                          {e.previousSecretExpiresAt ? <span className="small"><br />{t('webhooks.previousUntil', { when: fmt.moment(e.previousSecretExpiresAt) })}</span> : null}
                        </td>
                        <td>
                          <div className="buttons">
                            <button type="button" className="button-link" onClick={() => setEditing(e.id)}>{t('webhooks.edit')}<span className="visually-hidden" translate="no"> {e.url}</span></button>
                            <button type="button" className="button-link" disabled={updated.fetching} onClick={() => void update({ id: e.id, input: { enabled: !e.enabled } })}>
                              {e.enabled ? t('webhooks.disable') : t('webhooks.enable')}<span className="visually-hidden" translate="no"> {e.url}</span>
                            </button>
                            <button
                              type="button"
                              className="button-link"
                              onClick={() =>
                                confirm({
                                  title: t('webhooks.rotate.title'),
                                  body: <p>{t('webhooks.rotate.body', { url: e.url })}</p>,
                                  confirmLabel: t('webhooks.rotate.button'),
                                  run: async () => {
                                    const r = await rotate({ id: e.id });
                                    if (!r.data) return problemOf(r.error);
                                    setShown({
                                      title: t('webhooks.rotate.shownTitle', { url: e.url }),
                                      secret: r.data.rotateWebhookSecret.secret,
                                      note: t('webhooks.rotate.shownNote', { when: fmt.moment(r.data.rotateWebhookSecret.endpoint.previousSecretExpiresAt) }),
                                    });
                                    return null;
                                  },
                                })
                              }
                            >
                              {t('webhooks.rotate.button')}<span className="visually-hidden"> {t('webhooks.rotate.of', { url: e.url })}</span>
                            </button>
                            <button
                              type="button"
                              className="button-link"
                              onClick={() =>
                                confirm({
                                  title: t('webhooks.delete.title'),
                                  body: <p>{t('webhooks.delete.body', { url: e.url })}</p>,
                                  confirmLabel: t('webhooks.delete.button'),
                                  cancelLabel: t('webhooks.delete.keep'),
                                  danger: true,
                                  after: () => document.getElementById('endpoints-heading'),
                                  run: async () => {
                                    const r = await remove({ id: e.id });
                                    if (!r.data) return problemOf(r.error);
                                    if (editing === e.id) setEditing(null);
                                    reload();
                                    return null;
                                  },
                                })
                              }
                            >
                              {t('webhooks.delete.short')}<span className="visually-hidden" translate="no"> {e.url}</span>
                            </button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableFrame>
            )}
          </section>
          {editingEndpoint ? (
            <EndpointForm key={editingEndpoint.id} endpoint={editingEndpoint} onDone={() => setEditing(null)} />
          ) : (
            <EndpointForm
              onDone={(secret, url) => {
                if (secret) setShown({ title: t('webhooks.created', { url }), secret, note: t('webhooks.createdNote') });
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
      {dialog}
    </Page>
  );
}

/** Create (no endpoint) or edit one; an API refusal of a field is shown beside that field. */
function EndpointForm({ endpoint, onDone }: { endpoint?: Endpoint; onDone: (secret: string | null, url: string) => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [eventTypes, setEventTypes] = useState<string[]>(endpoint?.eventTypes ?? []);
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [enabled, setEnabled] = useState(endpoint?.enabled ?? true);
  const [created, create] = useMutation(Create);
  const [updated, update] = useMutation(Update);
  const problem = problemOf(endpoint ? updated.error : created.error);
  const eventsError = fieldMessage(problem, 'eventTypes');
  const busy = created.fetching || updated.fetching;
  const title = endpoint ? t('webhooks.form.editTitle', { url: endpoint.url }) : t('webhooks.form.addTitle');
  return (
    <form
      noValidate
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
      <TextField label={t('webhooks.form.url')} type="url" inputMode="url" hint={t('webhooks.form.urlHint')} value={url} onChange={(e) => setUrl(e.target.value)} limit={TEXT_LIMITS.url} error={fieldMessage(problem, 'url')} required />
      <fieldset className="filters" aria-describedby={eventsError ? 'event-types-error' : undefined}>
        <legend>{t('webhooks.form.events')}</legend>
        {eventsError ? <p className="error-text" id="event-types-error">{eventsError}</p> : null}
        {EVENT_TYPES.map((type) => (
          <Checkbox
            key={type}
            label={<>{t(eventKey(type))} <code className="small" translate="no">{type}</code></>}
            checked={eventTypes.includes(type)}
            onChange={(on) => setEventTypes(on ? [...eventTypes, type] : eventTypes.filter((x) => x !== type))}
          />
        ))}
      </fieldset>
      <TextArea label={t('webhooks.form.description')} value={description} onChange={(e) => setDescription(e.target.value)} limit={TEXT_LIMITS.webhookDescription} error={fieldMessage(problem, 'description')} />
      <Checkbox label={t('webhooks.form.enabled')} checked={enabled} onChange={setEnabled} />
      <div className="buttons">
        <button type="submit" className="button" disabled={busy || !eventTypes.length}>{endpoint ? t('webhooks.form.save') : t('webhooks.form.add')}</button>
        {endpoint ? <button type="button" className="button button-secondary" onClick={() => onDone(null, endpoint.url)}>{t('common.cancel')}</button> : null}
      </div>
      {!eventTypes.length ? <p className="hint">{t('webhooks.form.chooseOne')}</p> : null}
      {placedBeside(problem, ['url', 'eventTypes', 'description']) ? null : <ProblemAlert problem={problem} />}
    </form>
  );
}

interface DeadLetter { id: string; endpointUrl: string; eventType: string; attempts: number; lastStatusCode?: number | null; lastError?: string | null; deadAt?: string | null; redeliveries: number }

function DeadLetters({ letters, busy, problem, onRedeliver }: { letters: DeadLetter[]; busy: boolean; problem: ApiProblem | null; onRedeliver: (id: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section aria-labelledby="dead-heading">
      <h2 id="dead-heading">{t('webhooks.dead.heading')}</h2>
      <p>{t('webhooks.dead.intro')}</p>
      <ProblemAlert problem={problem} />
      {letters.length === 0 ? <p>{t('webhooks.dead.none')}</p> : (
        <TableFrame label={t('webhooks.dead.caption', { count: letters.length })}>
          <table>
            <caption>{t('webhooks.dead.caption', { count: letters.length })}</caption>
            <thead><tr><th scope="col">{t('webhooks.dead.col.event')}</th><th scope="col">{t('webhooks.dead.col.endpoint')}</th><th scope="col">{t('webhooks.dead.col.tries')}</th><th scope="col">{t('webhooks.dead.col.status')}</th><th scope="col">{t('webhooks.dead.col.error')}</th><th scope="col">{t('webhooks.dead.col.since')}</th><th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th></tr></thead>
            <tbody>
              {letters.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{t(eventKey(d.eventType))}</th>
                  <td className="user-text"><code translate="no">{d.endpointUrl}</code></td>
                  <td>{d.redeliveries ? t('webhooks.dead.triesRedelivered', { tries: fmt.count(d.attempts), count: d.redeliveries }) : fmt.count(d.attempts)}</td>
                  <td>{d.lastStatusCode ?? t('webhooks.dead.noAnswer')}</td>
                  <td className="small user-text" translate="no">{d.lastError ?? t('common.dash')}</td>
                  <td>{fmt.moment(d.deadAt)}</td>
                  <td><button type="button" className="button button-small" disabled={busy} onClick={() => onRedeliver(d.id)}>{t('webhooks.dead.redeliver')}<span className="visually-hidden"> {t('webhooks.dead.what', { event: t(eventKey(d.eventType)), url: d.endpointUrl })}</span></button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
    </section>
  );
}
