import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { useFormat } from '../../i18n/format';
import { runtimeKey } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/Alert';
import { StatusBadge } from '../../ui/Badge';
import { Checkbox } from '../../ui/Choice';
import { useConfirm } from '../../ui/Dialog';
import { SelectField } from '../../ui/Field';
import { Loading, Page, ReadOnlyNote } from '../../ui/Page';
import { TableFrame } from '../../ui/TableFrame';
import type { ActionItemSort, ActionItemStatus, PlanItemsQuery } from '../../gql/graphql';
import { CLOSING, ChangeStatus, PlanItems, WORK_STATUSES } from './items';
import { useFrameworkWords } from '../frameworkWords';
import { ImportLink } from '../imports/ImportLink';

type Item = PlanItemsQuery['actionItems']['edges'][number]['node'];
const SORTS = ['PRIORITY', 'DUE_ON', 'ELEMENT', 'STATUS'] as const;

export default function Plan() {
  const { t } = useTranslation();
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
  const { elements } = useFrameworkWords(data?.assessments.edges[0]?.node.frameworkId);
  const update = (name: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  const items = data?.actionItems.edges.map((e) => e.node) ?? [];
  const cycles = data?.assessments.edges.map((e) => e.node) ?? [];
  const elementName = (key: string) => elements.find((e) => e.key === key)?.title ?? key;

  return (
    <Page title={view === 'board' ? t('plan.boardTitle') : t('plan.title')} busy={fetching && !data} actions={<ImportLink kind="plan" assessmentId={search.get('assessment')} />}>
      <nav aria-label={t('plan.views')} className="segmented">
        <Link to={`?${withParam(search, 'view', null)}`} aria-current={view === 'list' ? 'page' : undefined}>{t('plan.list')}</Link>
        <Link to={`?${withParam(search, 'view', 'board')}`} aria-current={view === 'board' ? 'page' : undefined}>{t('plan.board')}</Link>
      </nav>
      <fieldset className="filters">
        <legend>{t('plan.filters')}</legend>
        <Checkbox label={t('plan.filter.mine')} checked={flag('mine')} onChange={(on) => update('mine', on ? '1' : null)} />
        <Checkbox label={t('plan.filter.overdue')} checked={flag('overdue')} onChange={(on) => update('overdue', on ? '1' : null)} />
        <Checkbox label={t('plan.filter.month')} checked={flag('month')} onChange={(on) => update('month', on ? '1' : null)} />
        <SelectField label={t('plan.filter.element')} value={search.get('element') ?? ''} onChange={(e) => update('element', e.target.value || null)}>
          <option value="">{t('plan.filter.allElements')}</option>
          {elements.map((e) => <option key={e.key} value={e.key}>{t('plan.filter.elementOption', { key: e.key, title: e.title ?? e.text })}</option>)}
        </SelectField>
        <SelectField label={t('plan.filter.cycle')} value={search.get('assessment') ?? ''} onChange={(e) => update('assessment', e.target.value || null)}>
          <option value="">{t('plan.filter.allCycles')}</option>
          {cycles.map((c) => <option key={c.id} value={c.id} translate="no">{c.cycle}</option>)}
        </SelectField>
        {view === 'list' ? (
          <SelectField label={t('plan.filter.sort')} value={sort} onChange={(e) => update('sort', e.target.value === 'PRIORITY' ? null : e.target.value)}>
            {SORTS.map((s) => <option key={s} value={s}>{t(runtimeKey(`plan.sort.${s}`))}</option>)}
          </SelectField>
        ) : null}
      </fieldset>
      {!org.can('plans:write') ? <ReadOnlyNote>{t('plan.readOnly', { role: t(runtimeKey(`roleLower.${org.role}`)) })}</ReadOnlyNote> : null}
      <ProblemAlert problem={problemOf(error)} />
      {!data ? <Loading what={t('plan.loading')} /> : <p role="status">{t('plan.count', { count: data.actionItems.totalCount })}</p>}
      {data ? (view === 'board' ? <Board items={items} orgId={org.id} canMove={org.can('plans:write')} elementName={elementName} /> : <List items={items} orgId={org.id} elementName={elementName} />) : null}
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
  const { t } = useTranslation();
  if (item.carriedFrom) return <span className="muted small"> {t('plan.carriedFrom', { cycle: item.carriedFrom.cycle })}</span>;
  if (item.previousDecision) return <span className="muted small"> {t(runtimeKey(`plan.follows.${item.previousDecision.status}`), { cycle: item.previousDecision.cycle })}</span>;
  return null;
}

function List({ items, orgId, elementName }: { items: Item[]; orgId: string; elementName: (key: string) => string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <TableFrame label={t('plan.caption')} className="table-first-wide">
      <table className="plan-table">
        <caption>{t('plan.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plan.col.what')}</th><th scope="col" className="num">{t('plan.col.priority')}</th><th scope="col">{t('plan.col.element')}</th><th scope="col">{t('plan.col.owner')}</th><th scope="col">{t('plan.col.due')}</th><th scope="col">{t('plan.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <Link to={`/o/${orgId}/plan/${item.id}`} translate="no">{item.what}</Link>
                <Origin item={item} />
                {item.persistsAfterDone ? <strong className="flag small"> {t('plan.persists')}</strong> : null}
              </th>
              <td className="num">{fmt.count(item.priority)}</td>
              <td data-element={item.elementKey}><span translate="no">{elementName(item.elementKey)}</span> <span className="key key-small" translate="no">{item.elementKey}</span></td>
              <td translate="no">{item.owner?.name ?? t('common.nobodyYet')}</td>
              <td>{fmt.date(item.dueOn)}</td>
              <td><StatusBadge kind="item" status={item.status} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** Columns by status; moving a card is a labelled select, so it works from the keyboard too. Closing one asks first. */
function Board({ items, orgId, canMove, elementName }: { items: Item[]; orgId: string; canMove: boolean; elementName: (key: string) => string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [moved, move] = useMutation(ChangeStatus);
  const [dialog, confirm] = useConfirm();
  const status = (s: string) => t(runtimeKey(`status.item.${s}`));
  const moveTo = (item: Item, to: ActionItemStatus) => {
    if (!CLOSING.has(to)) {
      void move({ id: item.id, status: to });
      return;
    }
    confirm({
      title: t(runtimeKey(`plan.close.${to}.title`)),
      body: <p>{t(runtimeKey(`plan.close.${to}.body`), { what: item.what })}</p>,
      confirmLabel: t(runtimeKey(`plan.close.${to}.button`)),
      danger: to === 'DROPPED',
      after: () => document.getElementById(`col-${to}`),
      run: async () => problemOf((await move({ id: item.id, status: to })).error),
    });
  };
  return (
    <>
      <ProblemAlert problem={problemOf(moved.error)} />
      <div className="board">
        {WORK_STATUSES.map((column) => {
          const cards = items.filter((i) => i.status === column);
          return (
            <section key={column} className="board-column" aria-labelledby={`col-${column}`}>
              <h2 id={`col-${column}`} tabIndex={-1}>{t('plan.column', { status: status(column), count: cards.length })}</h2>
              <ul>
                {cards.map((item) => (
                  <li key={item.id} className="board-card">
                    <Link to={`/o/${orgId}/plan/${item.id}`} translate="no">{item.what}</Link>
                    <p className="muted small">{t('plan.cardLine', { element: elementName(item.elementKey), owner: item.owner?.name ?? t('plan.noOwner'), due: fmt.date(item.dueOn) })}</p>
                    {canMove && column !== 'DROPPED' ? (
                      <SelectField
                        label={<span className="small">{t('plan.moveTo')}<span className="visually-hidden" translate="no"> “{item.what}”</span></span>}
                        value=""
                        onChange={(e) => e.target.value && moveTo(item, e.target.value as ActionItemStatus)}
                      >
                        <option value="">{t('plan.choose')}</option>
                        {WORK_STATUSES.filter((s) => s !== column && s !== 'DROPPED').map((s) => <option key={s} value={s}>{status(s)}</option>)}
                      </SelectField>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {dialog}
    </>
  );
}
