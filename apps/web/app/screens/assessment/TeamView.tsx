import { useMemo, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { explain, problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { runtimeKey } from '../../i18n/i18n';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Loading, Page, ReadOnlyNote } from '../../ui/Page';
import { CompletionBar } from '../../ui/Progress';
import { TableFrame } from '../../ui/TableFrame';
import { AnswerItem } from './AnswerItem';
import { AssessmentTabs } from './AssessmentTabs';
import { type Work, editable, elementsOf, useAssessmentWork, wordsOf } from './data';
import { useLibrary } from './EvidenceLinks';
import { SaveStatus } from './SaveStatus';
import { useAnswerSaver } from './useAnswerSaver';
import { ImportLink } from '../imports/ImportLink';

const Adopt = graphql(`
  mutation AdoptAgreed($id: ID!) { adoptAgreedAnswers(id: $id) { id completion { partsAnswered partsTotal promptsAnswered promptsTotal } } }
`);

export default function TeamView() {
  const { t } = useTranslation();
  const { assessmentId = '' } = useParams();
  const [{ data, error, fetching }] = useAssessmentWork(assessmentId);
  if (!data) return <Page title={t('team.loadingTitle')}>{fetching ? <Loading what={t('team.loading')} /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  return <TeamBody work={data.assessment} />;
}

function TeamBody({ work }: { work: Work }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  const saver = useAnswerSaver(work.id, 'agreed', work.answers);
  const [adopted, adopt] = useMutation(Adopt);
  const { library, refresh } = useLibrary();
  const canAgree = org.can('consensus:write') && editable(work.status);
  const nodes = useMemo(() => new Map(work.framework.nodes.map((n) => [n.key, n])), [work.framework.nodes]);
  const order = useMemo(() => elementsOf(work.framework.nodes).flatMap((e) => e.keys), [work.framework.nodes]);
  const people = useMemo(() => [...new Map(work.assessorAnswers.map((a) => [a.assessor.id, a.assessor.name])).entries()], [work.assessorAnswers]);
  const byKey = useMemo(() => {
    const map = new Map<string, Map<string, string>>();
    for (const a of work.assessorAnswers) map.set(a.nodeKey, (map.get(a.nodeKey) ?? new Map<string, string>()).set(a.assessor.id, a.value));
    return map;
  }, [work.assessorAnswers]);
  const agreed = useMemo(() => new Map(work.answers.map((a) => [a.nodeKey, a])), [work.answers]);
  const disagreements = new Set(work.disagreements.map((d) => d.nodeKey));
  const evidence = useMemo(() => ({ assessmentId: work.id, library, canWrite: org.can('evidence:write'), onChanged: refresh }), [work.id, library, org, refresh]);
  const labelOf = (node: string, value: string | undefined) => {
    if (!value) return t('common.dash');
    const scale = nodes.get(node)?.answerScale === 'EVIDENCE' ? work.framework.scales.evidence : work.framework.scales.practice;
    return scale.options.find((o) => o.value === value)?.label ?? value;
  };

  // A disagreement is settled once the team has an agreed answer for it. The ones settled while
  // this screen is open stay where they were (marked settled), so nothing jumps from under the
  // pointer; the count and the list below say at once how many are still to settle.
  const toSettle = work.disagreements.filter((d) => !agreed.has(d.nodeKey));
  const shownHere = useRef(new Set<string>());
  for (const d of toSettle) shownHere.current.add(d.nodeKey);
  const cards = work.disagreements.filter((d) => !agreed.has(d.nodeKey) || shownHere.current.has(d.nodeKey));
  const settled = work.disagreements.filter((d) => agreed.has(d.nodeKey) && !shownHere.current.has(d.nodeKey));

  return (
    <Page title={t('team.title', { cycle: work.cycle })} actions={editable(work.status) ? <ImportLink kind="answers" assessmentId={work.id} /> : null}>
      <AssessmentTabs id={work.id} cycle={work.cycle} status={work.status} />
      <CompletionBar label={t('checklist.completion')} completion={work.completion} />
      <h2 id="disagreements-heading">{t('team.disagreements.heading')}</h2>
      <p role="status" className="disagreement-count">
        {work.disagreements.length === 0 ? t('team.disagreements.none') : toSettle.length === 0 ? t('team.disagreements.allSettled', { count: work.disagreements.length }) : t('team.disagreements.toSettle', { count: toSettle.length })}
      </p>
      {!canAgree && toSettle.length ? (
        <ReadOnlyNote>{editable(work.status) ? t('team.readOnly', { role: t(runtimeKey(`roleLower.${org.role}`)) }) : t('team.lockedNote')}</ReadOnlyNote>
      ) : null}
      {canAgree && cards.length ? <SaveStatus saver={saver} /> : null}
      {cards.map((d) => {
        const node = nodes.get(d.nodeKey);
        if (!node) return null;
        const scale = node.answerScale === 'EVIDENCE' ? work.framework.scales.evidence : work.framework.scales.practice;
        const answer = agreed.get(d.nodeKey);
        const pending = saver.pending[d.nodeKey];
        const refused = saver.refused[d.nodeKey];
        return (
          <div key={d.nodeKey} className={`card${answer ? ' card-settled' : ''}`}>
            <AnswerItem
              node={node}
              label={wordsOf(node)}
              mode="agreed"
              options={scale.options}
              improvementFlag={node.kind === 'PROMPT' ? work.framework.scales.evidence.improvementFlag ?? null : null}
              current={saver.conflicts[d.nodeKey] ? null : pending ?? (answer ? { value: answer.value, areaForImprovement: answer.areaForImprovement, note: answer.note ?? null } : null)}
              agreed={answer ? { value: answer.value, setBy: answer.setBy.name, needsReview: answer.needsReview } : null}
              team={d.values.flatMap((v) => v.people.map((p) => ({ name: p.name, value: v.value })))}
              disagreement
              unsaved={Boolean(pending)}
              conflict={saver.conflicts[d.nodeKey] ?? null}
              refusal={refused ? explain(refused) : null}
              locked={!canAgree}
              onChange={saver.change}
              onResolve={saver.resolve}
              evidence={evidence}
            />
          </div>
        );
      })}
      {settled.length ? (
        <details className="settled">
          <summary>{t('team.settled.summary', { count: settled.length })}</summary>
          <ul>
            {settled.map((d) => {
              const answer = agreed.get(d.nodeKey)!;
              return (
                <li key={d.nodeKey}>
                  <span className="key key-small" translate="no">{d.nodeKey}</span> <span translate="no">{wordsOf(nodes.get(d.nodeKey))}</span>:{' '}
                  {t('team.settled.line', { answer: labelOf(d.nodeKey, answer.value), name: answer.setBy.name })}{' '}
                  <span className="muted">({d.values.flatMap((v) => v.people.map((p) => t('answer.personSaid', { name: p.name, answer: labelOf(d.nodeKey, v.value) }))).join('; ')})</span>
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
      {canAgree ? (
        <section aria-labelledby="adopt-heading">
          <h2 id="adopt-heading">{t('team.adopt.heading')}</h2>
          <p>{t('team.adopt.intro')}</p>
          <button type="button" className="button" disabled={adopted.fetching} onClick={() => void adopt({ id: work.id })}>{t('team.adopt.button')}</button>
          {adopted.data ? <Alert tone="success">{t('team.adopt.done', { count: adopted.data.adoptAgreedAnswers.completion.partsAnswered })}</Alert> : null}
          <ProblemAlert problem={problemOf(adopted.error)} />
        </section>
      ) : null}
      <h2>{t('team.table.heading')}</h2>
      <TableFrame label={t('team.table.caption')} className="table-first-wide">
        <table>
          <caption>{t('team.table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('team.table.item')}</th>
              {people.map(([id, name]) => <th key={id} scope="col" translate="no">{name}</th>)}
              <th scope="col">{t('team.table.agreed')}</th>
            </tr>
          </thead>
          <tbody>
            {order.map((key) => {
              const answers = byKey.get(key);
              const answer = agreed.get(key);
              const open = disagreements.has(key) && !answer;
              return (
                <tr key={key} className={open ? 'row-flag' : undefined}>
                  <th scope="row">
                    <Link to={`/o/${org.id}/assessments/${work.id}/checklist/${key.split('.').slice(0, 2).join('.')}`}>
                      <span translate="no">{wordsOf(nodes.get(key))}</span>
                    </Link>{' '}
                    <span className="key key-small" translate="no">{key}</span>
                    {open ? <strong className="flag"> {t('team.table.disagree')}</strong> : null}
                  </th>
                  {people.map(([id]) => <td key={id} translate="no">{labelOf(key, answers?.get(id))}</td>)}
                  <td>{answer ? t('team.table.agreedBy', { answer: labelOf(key, answer.value), name: answer.setBy.name }) : t('common.notYet')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableFrame>
    </Page>
  );
}
