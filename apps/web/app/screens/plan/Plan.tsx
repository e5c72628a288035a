import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { ProblemAlert } from '../../ui/Alert';
import { StatusBadge } from '../../ui/Badge';
import { Checkbox } from '../../ui/Choice';
import { SelectField } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';
import { formatDate, humanise } from '../../ui/format';
import type { ActionItemSort, PlanItemsQuery } from '../../gql/graphql';
import { ChangeStatus, PlanItems, WORK_STATUSES } from './items';

type Item = PlanItemsQuery['actionItems']['edges'][number]['node'];

export default function Plan() {
  const org = useOrganisation();
  const [search, setSearch] = useSearchParams();
  const flag = (name: string) => search.get(name) === '1';
  const view = search.get('view') === 'board' ? 'board' : 'list';
  const sort = (search.get('sort') ?? 'PRIORITY') as ActionItemSort;
  const filter = useMemo(
    () => ({
      mine: flag('mine') || undefined,
      overdue: flag('overdue') || undefined,
      dueThisMonth: flag('month') || undefined,
      elementKey: search.get('element') || undefined,
      assessmentId: search.get('assessment') || undefined,
    }),
    [search],
  );
  const [{ data, error, fetching }] = useQuery({ query: PlanItems, variables: { filter, sort } });
  const update = (name: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  const items = data?.actionItems.edges.map((e) => e.node) ?? [];
  const cycles = data?.assessments.edges.map((e) => e.node) ?? [];

  return (
    <Page title={view === 'board' ? 'Action plan: board' : 'Action plan'} busy={fetching && !data}>
      <nav aria-label="Plan views" className="segmented">
        <Link to={`?${withParam(search, 'view', null)}`} aria-current={view === 'list' ? 'page' : undefined}>List</Link>
        <Link to={`?${withParam(search, 'view', 'board')}`} aria-current={view === 'board' ? 'page' : undefined}>Board by status</Link>
      </nav>
      <fieldset className="filters">
        <legend>Filters</legend>
        <Checkbox label="Mine" checked={flag('mine')} onChange={(on) => update('mine', on ? '1' : null)} />
        <Checkbox label="Overdue" checked={flag('overdue')} onChange={(on) => update('overdue', on ? '1' : null)} />
        <Checkbox label="Due this month" checked={flag('month')} onChange={(on) => update('month', on ? '1' : null)} />
        <SelectField label="Element" value={search.get('element') ?? ''} onChange={(e) => update('element', e.target.value || null)}>
          <option value="">All elements</option>
          {['3.1', '3.2', '3.3'].map((k) => <option key={k} value={k}>{k}</option>)}
        </SelectField>
        <SelectField label="Cycle" value={search.get('assessment') ?? ''} onChange={(e) => update('assessment', e.target.value || null)}>
          <option value="">Current work, every cycle</option>
          {cycles.map((c) => <option key={c.id} value={c.id}>{c.cycle}</option>)}
        </SelectField>
        {view === 'list' ? (
          <SelectField label="Sort by" value={sort} onChange={(e) => update('sort', e.target.value === 'PRIORITY' ? null : e.target.value)}>
            {['PRIORITY', 'DUE_ON', 'ELEMENT', 'STATUS'].map((s) => <option key={s} value={s}>{humanise(s)}</option>)}
          </SelectField>
        ) : null}
      </fieldset>
      <ProblemAlert problem={problemOf(error)} />
      {!data ? <Loading what="Loading the plan" /> : <p role="status">{data.actionItems.totalCount} items</p>}
      {data ? (view === 'board' ? <Board items={items} orgId={org.id} canMove={org.can('plans:write')} /> : <List items={items} orgId={org.id} />) : null}
    </Page>
  );
}

function withParam(search: URLSearchParams, name: string, value: string | null): string {
  const next = new URLSearchParams(search);
  if (value) next.set(name, value);
  else next.delete(name);
  return next.toString();
}

function Origin({ item }: { item: Item }) {
  if (item.carriedFrom) return <span className="muted small"> carried from {item.carriedFrom.cycle}</span>;
  if (item.previousDecision) return <span className="muted small"> follows {humanise(item.previousDecision.status).toLowerCase()} in {item.previousDecision.cycle}</span>;
  return null;
}

function List({ items, orgId }: { items: Item[]; orgId: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption>Plan items</caption>
        <thead>
          <tr>
            <th scope="col">Priority</th><th scope="col">What</th><th scope="col">Element</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td className="num">{item.priority}</td>
              <th scope="row">
                <Link to={`/o/${orgId}/plan/${item.id}`}>{item.what}</Link>
                <Origin item={item} />
                {item.persistsAfterDone ? <strong className="flag small"> Marked done before, the gap is still there</strong> : null}
              </th>
              <td>{item.elementKey}</td>
              <td>{item.owner?.name ?? 'nobody yet'}</td>
              <td>{formatDate(item.dueOn)}</td>
              <td><StatusBadge status={item.status} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Columns by status; moving a card is a labelled select, so it works from the keyboard too. */
function Board({ items, orgId, canMove }: { items: Item[]; orgId: string; canMove: boolean }) {
  const [moved, move] = useMutation(ChangeStatus);
  return (
    <>
      <ProblemAlert problem={problemOf(moved.error)} />
      <div className="board">
        {WORK_STATUSES.map((status) => {
          const column = items.filter((i) => i.status === status);
          return (
            <section key={status} className="board-column" aria-labelledby={`col-${status}`}>
              <h2 id={`col-${status}`}>{humanise(status)} ({column.length})</h2>
              <ul>
                {column.map((item) => (
                  <li key={item.id} className="board-card">
                    <Link to={`/o/${orgId}/plan/${item.id}`}>{item.what}</Link>
                    <p className="muted small">{item.elementKey} · {item.owner?.name ?? 'no owner'} · due {formatDate(item.dueOn)}</p>
                    {canMove && status !== 'DROPPED' ? (
                      <SelectField
                        label={<span className="small">Move<span className="visually-hidden"> “{item.what}”</span> to</span>}
                        value=""
                        onChange={(e) => e.target.value && void move({ id: item.id, status: e.target.value as Item['status'] })}
                      >
                        <option value="">Choose…</option>
                        {WORK_STATUSES.filter((s) => s !== status && s !== 'DROPPED').map((s) => <option key={s} value={s}>{humanise(s)}</option>)}
                      </SelectField>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </>
  );
}
