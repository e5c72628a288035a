import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { REVIEW_INTERVAL_DAYS, TEXT_LIMITS } from '@waymark/domain/limits';
import { graphql } from '../../gql';
import { fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { useFormat } from '../../i18n/format';
import { runtimeKey } from '../../i18n/i18n';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { StatusBadge } from '../../ui/Badge';
import { useConfirm } from '../../ui/Dialog';
import { DateField, SelectField, TextArea, TextField } from '../../ui/Field';
import { Loading, Page, ReadOnlyNote } from '../../ui/Page';
import type { ActionItemStatus, ItemDetailQuery } from '../../gql/graphql';
import { CLOSING, ChangeStatus, WORK_STATUSES } from './items';
import { useFrameworkWords } from '../frameworkWords';

const Item = graphql(`
  query ItemDetail($id: ID!) {
    actionItem(id: $id) {
      id assessmentId cycle itemKey kind nodeKey elementKey what why priority priorityReason target status
      dueOn reviewIntervalDays nextReviewOn resources successMeasure doneAt persistsAfterDone updatedAt
      owner { id name }
      guidance { guidanceKey title reason }
      footnotes { number text }
      notes { id body statusFrom statusTo createdAt author { name } }
      evidence { id title }
      carriedFrom { id cycle status }
      carriedTo { id cycle status }
      previousDecision { id cycle status }
      history { id cycle status what }
    }
    members(first: 100) { edges { node { id role user { id name } } } }
    assessments(first: 50) { edges { node { id frameworkId } } }
  }
`);

const AddNote = graphql(`
  mutation AddItemNote($id: ID!, $body: String!) { addActionItemNote(id: $id, body: $body) { id body createdAt author { name } } }
`);

const UpdateItem = graphql(`
  mutation UpdateItem($id: ID!, $input: UpdateActionItemInput!) {
    updateActionItem(id: $id, input: $input) { id dueOn reviewIntervalDays nextReviewOn resources successMeasure owner { id name } }
  }
`);

type Detail = ItemDetailQuery['actionItem'];

export default function ItemDetail() {
  const { t } = useTranslation();
  const { itemId = '' } = useParams();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Item, variables: { id: itemId } });
  if (!data) return <Page title={t('item.loadingTitle')}>{fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  const members = data.members.edges.map((e) => e.node.user);
  const frameworkId = data.assessments.edges.find((e) => e.node.id === data.actionItem.assessmentId)?.node.frameworkId ?? null;
  return <ItemBody item={data.actionItem} frameworkId={frameworkId} members={members} refresh={() => refresh({ requestPolicy: 'network-only' })} />;
}

function ItemBody({ item, frameworkId, members, refresh }: { item: Detail; frameworkId: string | null; members: { id: string; name: string }[]; refresh: () => void }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  const fmt = useFormat();
  const { words } = useFrameworkWords(frameworkId);
  const canWork = org.can('plans:write');
  const source = words(item.nodeKey);
  const element = words(item.elementKey);
  const status = (s: string) => t(runtimeKey(`status.item.${s}`));
  return (
    <Page title={item.what} titleIsContent intro={<p><Link to={`/o/${org.id}/plan`}>{t('item.back')}</Link></p>}>
      <p>
        <StatusBadge kind="item" status={item.status} />{' '}
        <span className="muted">{t('item.context', { priority: fmt.count(item.priority), cycle: item.cycle, kind: t(runtimeKey(`itemKind.${item.kind}`)), element: element?.title ?? item.elementKey })}</span>
      </p>
      {item.persistsAfterDone ? <Alert tone="warning" title={t('item.persists.title')}>{t('item.persists.body')}</Alert> : null}
      {!canWork ? <ReadOnlyNote>{t('item.readOnly', { role: t(runtimeKey(`roleLower.${org.role}`)) })}</ReadOnlyNote> : null}
      <dl className="dl">
        <dt>{t('item.what')}</dt><dd translate="no">{item.what}</dd>
        {source && source.text !== item.what ? (
          <>
            <dt>{t('item.source')}</dt>
            <dd><q translate="no">{source.text}</q> <span className="key key-small" translate="no">{item.nodeKey}</span></dd>
          </>
        ) : null}
        <dt>{t('item.why')}</dt><dd translate="no">{item.why}</dd>
        <dt>{t('item.priority')}</dt><dd>{fmt.count(item.priority)}: <span translate="no">{item.priorityReason}</span></dd>
        <dt>{t('item.target')}</dt><dd translate="no">{item.target}</dd>
        <dt>{t('item.owner')}</dt><dd translate="no">{item.owner?.name ?? t('common.nobodyYet')}</dd>
        <dt>{t('item.due')}</dt><dd>{fmt.date(item.dueOn)}</dd>
        <dt>{t('item.nextReview')}</dt><dd>{fmt.date(item.nextReviewOn)}{item.reviewIntervalDays ? ` ${t('item.every', { count: item.reviewIntervalDays })}` : ''}</dd>
        <dt>{t('item.resources')}</dt><dd className="user-text" translate="no">{item.resources ?? t('common.dash')}</dd>
        <dt>{t('item.success')}</dt><dd className="user-text" translate="no">{item.successMeasure ?? t('common.dash')}</dd>
        <dt>{t('item.evidence')}</dt><dd translate="no">{item.evidence.length ? item.evidence.map((e) => e.title).join('; ') : t('common.noneYet')}</dd>
      </dl>
      {item.guidance.length ? (
        <section className="guidance" aria-labelledby="item-guidance">
          <h2 id="item-guidance">{t('item.guidance')}</h2>
          {item.guidance.map((g) => <p key={g.guidanceKey} translate="no"><strong>{g.title}.</strong> {g.reason}</p>)}
        </section>
      ) : null}
      {item.footnotes.length ? (
        <section aria-labelledby="item-footnotes">
          <h2 id="item-footnotes">{t('footnotes.heading')}</h2>
          <ol translate="no">{item.footnotes.map((f) => <li key={f.number} value={f.number}>{f.text}</li>)}</ol>
        </section>
      ) : null}
      {canWork && item.status !== 'CARRIED_FORWARD' ? <StatusForm item={item} /> : null}
      <section aria-labelledby="item-history">
        <h2 id="item-history">{t('item.history')}</h2>
        <ol className="timeline">
          {item.notes.map((n) => (
            <li key={n.id}>
              <strong>{fmt.moment(n.createdAt)}</strong>, <span translate="no">{n.author.name}</span>
              {n.statusTo ? `: ${t('item.statusChange', { from: status(n.statusFrom ?? 'OPEN'), to: status(n.statusTo) })}` : ''}
              <div className="user-text" translate="no">{n.body}</div>
            </li>
          ))}
          {item.notes.length === 0 ? <li>{t('item.noHistory')}</li> : null}
        </ol>
        {item.history.length || item.carriedTo ? (
          <>
            <h3>{t('item.acrossCycles')}</h3>
            <ul>
              {item.history.map((h) => <li key={h.id}><Link to={`/o/${org.id}/plan/${h.id}`}>{t('assessment.cycle', { cycle: h.cycle })}</Link>: {status(h.status)}</li>)}
              {item.carriedTo ? <li>{t('item.continuedIn')} <Link to={`/o/${org.id}/plan/${item.carriedTo.id}`}>{t('assessment.cycle', { cycle: item.carriedTo.cycle })}</Link></li> : null}
            </ul>
          </>
        ) : null}
        {canWork ? <NoteForm id={item.id} onAdded={refresh} /> : null}
      </section>
      {canWork ? <WorkingFields item={item} members={members} /> : null}
    </Page>
  );
}

function StatusForm({ item }: { item: Detail }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>(item.status);
  const [note, setNote] = useState('');
  const [result, change] = useMutation(ChangeStatus);
  const [dialog, confirm] = useConfirm();
  useEffect(() => setStatus(item.status), [item.status]);
  const problem = problemOf(result.error);
  const word = (s: string) => t(runtimeKey(`status.item.${s}`));
  const save = async () => {
    const r = await change({ id: item.id, status: status as ActionItemStatus, note: note || null });
    if (r.data) setNote('');
    return problemOf(r.error);
  };
  return (
    <form
      noValidate
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        if (status !== item.status && CLOSING.has(status)) {
          confirm({
            title: t(runtimeKey(`plan.close.${status}.title`)),
            body: <p>{t(runtimeKey(`plan.close.${status}.body`), { what: item.what })}</p>,
            confirmLabel: t(runtimeKey(`plan.close.${status}.button`)),
            danger: status === 'DROPPED',
            run: save,
          });
        } else void save();
      }}
    >
      <h2>{t('item.progress.heading')}</h2>
      <SelectField label={t('item.progress.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
        {WORK_STATUSES.map((s) => <option key={s} value={s}>{word(s)}</option>)}
      </SelectField>
      <TextArea
        label={t('item.progress.note')}
        hint={status === 'DROPPED' ? t('item.progress.dropHint') : t('item.progress.noteHint')}
        value={note}
        limit={TEXT_LIMITS.note}
        onChange={(e) => setNote(e.target.value)}
        required={status === 'DROPPED'}
        error={fieldMessage(problem, 'note')}
      />
      <button type="submit" className="button" disabled={result.fetching || (status === item.status && !note)}>{t('item.progress.save')}</button>
      {result.data && !result.fetching ? <Alert tone="success">{t('item.progress.saved', { status: word(result.data.changeActionItemStatus.status) })}</Alert> : null}
      {placedBeside(problem, ['note']) ? null : <ProblemAlert problem={problem} />}
      {dialog}
    </form>
  );
}

function NoteForm({ id, onAdded }: { id: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [result, add] = useMutation(AddNote);
  const problem = problemOf(result.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void add({ id, body }).then((r) => {
          if (!r.data) return;
          setBody('');
          onAdded();
        });
      }}
    >
      <TextArea label={t('item.note.label')} value={body} limit={TEXT_LIMITS.note} required onChange={(e) => setBody(e.target.value)} error={fieldMessage(problem, 'body')} />
      <button type="submit" className="button button-secondary" disabled={result.fetching || !body.trim()}>{t('item.note.add')}</button>
      {placedBeside(problem, ['body']) ? null : <ProblemAlert problem={problem} />}
    </form>
  );
}

function WorkingFields({ item, members }: { item: Detail; members: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [owner, setOwner] = useState(item.owner?.id ?? '');
  const [dueOn, setDueOn] = useState<string | null>(item.dueOn ?? '');
  const [nextReviewOn, setNextReviewOn] = useState<string | null>(item.nextReviewOn ?? '');
  const [interval, setReviewEvery] = useState(item.reviewIntervalDays ? String(item.reviewIntervalDays) : '');
  const [resources, setResources] = useState(item.resources ?? '');
  const [successMeasure, setSuccessMeasure] = useState(item.successMeasure ?? '');
  const [result, update] = useMutation(UpdateItem);
  const problem = problemOf(result.error);
  const fieldError = (field: string) => fieldMessage(problem, field);
  const FIELDS = ['ownerUserId', 'dueOn', 'nextReviewOn', 'reviewIntervalDays', 'resources', 'successMeasure'];
  return (
    <form
      noValidate
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        // A date still being typed is said beside its field; nothing is sent until it is a date.
        if (dueOn === null || nextReviewOn === null) return;
        // Only what changed is sent: an unchanged past date is not "set in the past".
        const input: Record<string, unknown> = {};
        if (owner !== (item.owner?.id ?? '')) input.ownerUserId = owner || null;
        if (dueOn !== (item.dueOn ?? '')) input.dueOn = dueOn || null;
        if (nextReviewOn !== (item.nextReviewOn ?? '')) input.nextReviewOn = nextReviewOn || null;
        if (interval !== (item.reviewIntervalDays ? String(item.reviewIntervalDays) : '')) input.reviewIntervalDays = interval ? Number(interval) : null;
        if (resources !== (item.resources ?? '')) input.resources = resources || null;
        if (successMeasure !== (item.successMeasure ?? '')) input.successMeasure = successMeasure || null;
        void update({ id: item.id, input });
      }}
    >
      <h2>{t('item.fields.heading')}</h2>
      <SelectField label={t('item.fields.owner')} value={owner} onChange={(e) => setOwner(e.target.value)} error={fieldError('ownerUserId')}>
        <option value="">{t('item.fields.nobody')}</option>
        {members.map((m) => <option key={m.id} value={m.id} translate="no">{m.name}</option>)}
      </SelectField>
      <DateField label={t('item.fields.due')} value={dueOn ?? ''} onChange={setDueOn} min={dueOn !== (item.dueOn ?? '') ? fmt.today() : undefined} error={fieldError('dueOn')} />
      <TextField
        label={t('item.fields.interval')}
        hint={t('item.fields.intervalHint', { min: REVIEW_INTERVAL_DAYS.min, max: fmt.count(REVIEW_INTERVAL_DAYS.max) })}
        type="number"
        inputMode="numeric"
        min={REVIEW_INTERVAL_DAYS.min}
        max={REVIEW_INTERVAL_DAYS.max}
        value={interval}
        onChange={(e) => setReviewEvery(e.target.value)}
        error={fieldError('reviewIntervalDays')}
      />
      <DateField label={t('item.fields.nextReview')} value={nextReviewOn ?? ''} onChange={setNextReviewOn} min={nextReviewOn !== (item.nextReviewOn ?? '') ? fmt.today() : undefined} error={fieldError('nextReviewOn')} />
      <TextArea label={t('item.fields.resources')} value={resources} limit={TEXT_LIMITS.note} onChange={(e) => setResources(e.target.value)} error={fieldError('resources')} />
      <TextArea label={t('item.fields.success')} value={successMeasure} limit={TEXT_LIMITS.note} onChange={(e) => setSuccessMeasure(e.target.value)} error={fieldError('successMeasure')} />
      <button type="submit" className="button">{t('common.save')}</button>
      {result.data && !result.fetching ? <Alert tone="success">{t('common.saved')}</Alert> : null}
      {placedBeside(problem, FIELDS) ? null : <ProblemAlert problem={problem} />}
    </form>
  );
}
