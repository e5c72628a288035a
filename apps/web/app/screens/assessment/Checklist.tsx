import { useCallback, useMemo } from 'react';
import { Link, NavLink, useParams, useSearchParams } from 'react-router';
import { problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Loading, Page } from '../../ui/Page';
import { ProgressBar } from '../../ui/Progress';
import { formatMoment } from '../../ui/format';
import { AnswerItem, type TeamAnswer } from './AnswerItem';
import { AssessmentTabs } from './AssessmentTabs';
import { type ElementTree, type Work, editable, elementsOf, useAssessmentWork } from './data';
import { useLibrary } from './EvidenceLinks';
import { FootnoteList, FootnoteRefs } from './Footnotes';
import { Guidance } from './Guidance';
import { SaveStatus } from './SaveStatus';
import { type Mode, useAnswerSaver } from './useAnswerSaver';

export default function Checklist() {
  const { assessmentId = '', elementKey } = useParams();
  const [{ data, error, fetching }] = useAssessmentWork(assessmentId);
  if (!data) return <Page title="Checklist">{fetching ? <Loading what="Loading the checklist" /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  return <ChecklistBody work={data.assessment} elementKey={elementKey} />;
}

function ChecklistBody({ work, elementKey }: { work: Work; elementKey: string | undefined }) {
  const org = useOrganisation();
  const [search] = useSearchParams();
  const canAnswer = org.can('answers:write');
  const canAgree = org.can('consensus:write');
  const mode: Mode = search.get('answering') === 'agreed' || !canAnswer ? 'agreed' : 'mine';
  const elements = useMemo(() => elementsOf(work.framework.nodes), [work.framework.nodes]);
  const current = elements.find((e) => e.element.key === elementKey) ?? elements[0];
  const locked = !editable(work.status) || (mode === 'agreed' ? !canAgree : !canAnswer);
  const saver = useAnswerSaver(work.id, mode, work.answers);
  const { library, refresh } = useLibrary();
  const base = `/o/${org.id}/assessments/${work.id}`;
  const onChange = saver.change;
  const onResolve = saver.resolve;
  const evidence = useMemo(() => ({ assessmentId: work.id, library, canWrite: org.can('evidence:write'), onChanged: refresh }), [work.id, library, org, refresh]);

  if (!current) return <Page title="Checklist"><Alert tone="error">This framework has no elements.</Alert></Page>;
  return (
    <Page title={`Checklist ${current.element.key}: cycle ${work.cycle}`}>
      <AssessmentTabs id={work.id} cycle={work.cycle} status={work.status} />
      {work.status === 'SUBMITTED' ? (
        <Alert tone="info" title="Submitted and locked">
          Submitted {formatMoment(work.submittedAt)}{work.submittedBy ? ` by ${work.submittedBy.name}` : ''}. A manager can <Link to={`${base}/submit`}>reopen it with a reason</Link>.
        </Alert>
      ) : null}
      <ProgressBar label="Agreed answers" value={work.completion.percent} detail={`${work.completion.partsAnswered} of ${work.completion.partsTotal} parts, ${work.completion.promptsAnswered} of ${work.completion.promptsTotal} prompts`} />
      <div className="checklist-controls">
        <nav aria-label="Elements" className="tabs">
          {elements.map((e) => (
            <NavLink key={e.element.key} to={`${base}/checklist/${e.element.key}${mode === 'agreed' ? '?answering=agreed' : ''}`} aria-current={e === current ? 'page' : undefined}>
              Element {e.element.key}
            </NavLink>
          ))}
        </nav>
        {canAnswer ? (
          <nav aria-label="Whose answers" className="segmented">
            <Link to={`${base}/checklist/${current.element.key}`} aria-current={mode === 'mine' ? 'page' : undefined}>My answers</Link>
            <Link to={`${base}/checklist/${current.element.key}?answering=agreed`} aria-current={mode === 'agreed' ? 'page' : undefined}>Agreed answers</Link>
          </nav>
        ) : null}
      </div>
      <p className="muted">
        {mode === 'mine'
          ? 'You are recording your own view; the team sees every view and agrees one answer per item.'
          : 'You are setting the team’s agreed answers: these are the ones that count for the scores.'}
      </p>
      {!locked ? <SaveStatus saver={saver} /> : null}
      <ElementSection tree={current} work={work} mode={mode} locked={locked} saver={saver} onChange={onChange} onResolve={onResolve} evidence={evidence} />
      <p className="muted small">{work.framework.source.attribution}</p>
    </Page>
  );
}

interface SectionProps {
  tree: ElementTree;
  work: Work;
  mode: Mode;
  locked: boolean;
  saver: ReturnType<typeof useAnswerSaver>;
  onChange: ReturnType<typeof useAnswerSaver>['change'];
  onResolve: ReturnType<typeof useAnswerSaver>['resolve'];
  evidence: { assessmentId: string; library: ReturnType<typeof useLibrary>['library']; canWrite: boolean; onChanged: () => void };
}

function ElementSection({ tree, work, mode, locked, saver, onChange, onResolve, evidence }: SectionProps) {
  const { scales } = work.framework;
  const agreedBy = useMemo(() => new Map(work.answers.map((a) => [a.nodeKey, a])), [work.answers]);
  const mineBy = useMemo(() => new Map(work.myAnswers.map((a) => [a.nodeKey, a])), [work.myAnswers]);
  const disagreed = useMemo(() => new Set(work.disagreements.map((d) => d.nodeKey)), [work.disagreements]);
  const teamBy = useMemo(() => {
    const map = new Map<string, TeamAnswer[]>();
    for (const a of work.assessorAnswers) map.set(a.nodeKey, [...(map.get(a.nodeKey) ?? []), { name: a.assessor.name, value: a.value }]);
    return map;
  }, [work.assessorAnswers]);
  const footnotes = useMemo(() => {
    const all = [tree.element, ...tree.actions.flatMap((a) => [a.action, ...a.parts]), ...tree.groups.flatMap((g) => g.prompts)].flatMap((n) => n.footnotes);
    return [...new Map(all.map((f) => [f.number, f])).values()].sort((a, b) => a.number - b.number);
  }, [tree]);

  const item = useCallback(
    (node: ElementTree['actions'][number]['action'], label: string, evidenceScale: boolean) => {
      const saved = mode === 'agreed' ? agreedBy.get(node.key) : mineBy.get(node.key);
      const conflict = saver.conflicts[node.key] ?? null;
      const pending = conflict ? null : saver.pending[node.key];
      const agreed = agreedBy.get(node.key);
      return (
        <AnswerItem
          key={node.key}
          node={node}
          label={label}
          mode={mode}
          options={evidenceScale ? scales.evidence.options : scales.practice.options}
          improvementFlag={evidenceScale ? scales.evidence.improvementFlag ?? null : null}
          current={pending ?? (saved ? { value: saved.value, areaForImprovement: saved.areaForImprovement, note: saved.note ?? null } : null)}
          agreed={agreed ? { value: agreed.value, setBy: agreed.setBy.name } : null}
          team={teamBy.get(node.key) ?? []}
          disagreement={disagreed.has(node.key)}
          unsaved={Boolean(pending)}
          conflict={conflict}
          locked={locked}
          onChange={onChange}
          onResolve={onResolve}
          evidence={evidence}
        />
      );
    },
    [agreedBy, disagreed, evidence, locked, mineBy, mode, onChange, onResolve, saver.conflicts, saver.pending, scales, teamBy],
  );

  return (
    <section className="element" aria-labelledby="element-question">
      <h2 id="element-question">
        <span className="key">{tree.element.key}</span> {tree.element.text}
        <FootnoteRefs footnotes={tree.element.footnotes} />
      </h2>
      <h3 className="section-heading">{scales.practice.heading}</h3>
      {tree.actions.map(({ action, parts }) => (
        <article key={action.key} className="action" aria-labelledby={`action-${action.key}`}>
          <div className="action-main">
            <h4 id={`action-${action.key}`}>
              <span className="key">{action.key}</span> {action.text}
              {parts.length ? <FootnoteRefs footnotes={action.footnotes} /> : null}
            </h4>
            {parts.length ? parts.map((part) => item(part, part.text, false)) : item(action, 'Answer for this action', false)}
          </div>
          <Guidance guidance={action.guidance} />
        </article>
      ))}
      <h3 className="section-heading">{scales.evidence.heading}</h3>
      {tree.groups.map(({ group, prompts }) => (
        <section key={group.key} className="prompt-group" aria-labelledby={`group-${group.key}`}>
          <h4 id={`group-${group.key}`}>{group.text}</h4>
          {prompts.map((prompt) => item(prompt, prompt.text, true))}
        </section>
      ))}
      <FootnoteList footnotes={footnotes} />
    </section>
  );
}
