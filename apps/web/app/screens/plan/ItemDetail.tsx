import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { fieldMessage, problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { StatusBadge } from '../../ui/Badge';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';
import { formatDate, formatMoment, humanise } from '../../ui/format';
import type { ActionItemStatus, ItemDetailQuery } from '../../gql/graphql';
import { ChangeStatus, WORK_STATUSES } from './items';

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
    members(page: { first: 100 }) { edges { node { id role user { id name } } } }
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
  const { itemId = '' } = useParams();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Item, variables: { id: itemId } });
  if (!data) return <Page title="Plan item">{fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  const members = data.members.edges.map((e) => e.node.user);
  return <ItemBody item={data.actionItem} members={members} refresh={() => refresh({ requestPolicy: 'network-only' })} />;
}

function ItemBody({ item, members, refresh }: { item: Detail; members: { id: string; name: string }[]; refresh: () => void }) {
  const org = useOrganisation();
  const canWork = org.can('plans:write');
  return (
    <Page title={`Plan item ${item.priority}: ${item.nodeKey}`} intro={<p><Link to={`/o/${org.id}/plan`}>Back to the plan</Link></p>}>
      <p>
        <StatusBadge status={item.status} /> <span className="muted">Cycle {item.cycle} · {humanise(item.kind)} · element {item.elementKey}</span>
      </p>
      {item.persistsAfterDone ? <Alert tone="warning" title="The gap is still there">This was marked done in an earlier cycle, and the answers still show the gap.</Alert> : null}
      <dl className="dl">
        <dt>What to do</dt><dd>{item.what}</dd>
        <dt>Why</dt><dd>{item.why}</dd>
        <dt>Priority</dt><dd>{item.priority}: {item.priorityReason}</dd>
        <dt>Target</dt><dd>{item.target}</dd>
        <dt>Owner</dt><dd>{item.owner?.name ?? 'nobody yet'}</dd>
        <dt>Due</dt><dd>{formatDate(item.dueOn)}</dd>
        <dt>Next review</dt><dd>{formatDate(item.nextReviewOn)}{item.reviewIntervalDays ? ` (every ${item.reviewIntervalDays} days)` : ''}</dd>
        <dt>Resources</dt><dd>{item.resources ?? '—'}</dd>
        <dt>Measure of success</dt><dd>{item.successMeasure ?? '—'}</dd>
        <dt>Evidence collected</dt><dd>{item.evidence.length ? item.evidence.map((e) => e.title).join('; ') : 'none yet'}</dd>
      </dl>
      {item.guidance.length ? (
        <section className="guidance" aria-labelledby="item-guidance">
          <h2 id="item-guidance">Guidance</h2>
          {item.guidance.map((g) => <p key={g.guidanceKey}><strong>{g.title}.</strong> {g.reason}</p>)}
        </section>
      ) : null}
      {item.footnotes.length ? (
        <section aria-labelledby="item-footnotes">
          <h2 id="item-footnotes">Footnotes</h2>
          <ol>{item.footnotes.map((f) => <li key={f.number} value={f.number}>{f.text}</li>)}</ol>
        </section>
      ) : null}
      {canWork && item.status !== 'CARRIED_FORWARD' ? <StatusForm item={item} /> : null}
      <section aria-labelledby="item-history">
        <h2 id="item-history">History</h2>
        <ol className="timeline">
          {item.notes.map((n) => (
            <li key={n.id}>
              <strong>{formatMoment(n.createdAt)}</strong>, {n.author.name}
              {n.statusTo ? `: ${humanise(n.statusFrom ?? 'OPEN')} → ${humanise(n.statusTo)}` : ''}
              <div>{n.body}</div>
            </li>
          ))}
          {item.notes.length === 0 ? <li>No progress recorded yet.</li> : null}
        </ol>
        {item.history.length || item.carriedTo ? (
          <>
            <h3>Across cycles</h3>
            <ul>
              {item.history.map((h) => <li key={h.id}><Link to={`/o/${org.id}/plan/${h.id}`}>Cycle {h.cycle}</Link>: {humanise(h.status)}</li>)}
              {item.carriedTo ? <li>Continued in <Link to={`/o/${org.id}/plan/${item.carriedTo.id}`}>cycle {item.carriedTo.cycle}</Link></li> : null}
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
  const [status, setStatus] = useState<string>(item.status);
  const [note, setNote] = useState('');
  const [result, change] = useMutation(ChangeStatus);
  useEffect(() => setStatus(item.status), [item.status]);
  const problem = problemOf(result.error);
  const allowed = Array.isArray(problem?.extensions.allowed) ? (problem.extensions.allowed as string[]) : null;
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        void change({ id: item.id, status: status as ActionItemStatus, note: note || null }).then((r) => r.data && setNote(''));
      }}
    >
      <h2>Record progress</h2>
      <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
        {WORK_STATUSES.map((s) => <option key={s} value={s}>{humanise(s)}</option>)}
      </SelectField>
      <TextArea label="Note" hint={status === 'DROPPED' ? 'Required when dropping: the reason follows the gap into later cycles.' : 'Kept in the item’s history with the change.'} value={note} onChange={(e) => setNote(e.target.value)} required={status === 'DROPPED'} />
      <button type="submit" className="button" disabled={result.fetching || (status === item.status && !note)}>Save progress</button>
      {result.data && !result.fetching ? <Alert tone="success">Saved: now {humanise(result.data.changeActionItemStatus.status)}.</Alert> : null}
      {problem ? <ProblemAlert problem={allowed ? { ...problem, message: `${problem.message}` } : problem} /> : null}
    </form>
  );
}

function NoteForm({ id, onAdded }: { id: string; onAdded: () => void }) {
  const [body, setBody] = useState('');
  const [result, add] = useMutation(AddNote);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void add({ id, body }).then((r) => {
          if (!r.data) return;
          setBody('');
          onAdded();
        });
      }}
    >
      <TextArea label="Add a progress note" value={body} maxLength={4000} required onChange={(e) => setBody(e.target.value)} />
      <button type="submit" className="button button-secondary" disabled={result.fetching || !body.trim()}>Add note</button>
      <ProblemAlert problem={problemOf(result.error)} />
    </form>
  );
}

function WorkingFields({ item, members }: { item: Detail; members: { id: string; name: string }[] }) {
  const [owner, setOwner] = useState(item.owner?.id ?? '');
  const [dueOn, setDueOn] = useState(item.dueOn ?? '');
  const [nextReviewOn, setNextReviewOn] = useState(item.nextReviewOn ?? '');
  const [interval, setReviewEvery] = useState(item.reviewIntervalDays ? String(item.reviewIntervalDays) : '');
  const [resources, setResources] = useState(item.resources ?? '');
  const [successMeasure, setSuccessMeasure] = useState(item.successMeasure ?? '');
  const [result, update] = useMutation(UpdateItem);
  const problem = problemOf(result.error);
  const fieldError = (field: string) => fieldMessage(problem, field);
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
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
      <h2>Owner, dates and resources</h2>
      <SelectField label="Owner" value={owner} onChange={(e) => setOwner(e.target.value)} error={fieldError('ownerUserId')}>
        <option value="">Nobody yet</option>
        {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
      </SelectField>
      <TextField label="Due on" type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} error={fieldError('dueOn')} />
      <TextField label="Review every (days)" type="number" min={1} max={1095} value={interval} onChange={(e) => setReviewEvery(e.target.value)} error={fieldError('reviewIntervalDays')} />
      <TextField label="Next review on" type="date" value={nextReviewOn} onChange={(e) => setNextReviewOn(e.target.value)} error={fieldError('nextReviewOn')} />
      <TextArea label="Resources it needs" value={resources} onChange={(e) => setResources(e.target.value)} error={fieldError('resources')} />
      <TextArea label="How success will be known" value={successMeasure} onChange={(e) => setSuccessMeasure(e.target.value)} error={fieldError('successMeasure')} />
      <button type="submit" className="button">Save</button>
      {result.data && !result.fetching ? <Alert tone="success">Saved.</Alert> : null}
      {problem && !problem.field ? <ProblemAlert problem={problem} /> : null}
    </form>
  );
}
