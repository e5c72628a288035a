import { useCallback, useMemo } from 'react';
import { Link, NavLink, useParams, useSearchParams } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { explain, problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { useFormat } from '../../i18n/format';
import { runtimeKey } from '../../i18n/i18n';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Loading, Page, ReadOnlyNote } from '../../ui/Page';
import { CompletionBar } from '../../ui/Progress';
import { AnswerItem, type TeamAnswer } from './AnswerItem';
import { AssessmentTabs } from './AssessmentTabs';
import { type ElementTree, type Work, editable, elementsOf, useAssessmentWork } from './data';
import { useLibrary } from './EvidenceLinks';
import { FootnoteList, FootnoteRefs } from './Footnotes';
import { Guidance } from './Guidance';
import { SaveStatus } from './SaveStatus';
import { type Mode, useAnswerSaver } from './useAnswerSaver';

export default function Checklist() {
  const { t } = useTranslation();
  const { assessmentId = '', elementKey } = useParams();
  const [{ data, error, fetching }] = useAssessmentWork(assessmentId);
  if (!data) return <Page title={t('checklist.loadingTitle')}>{fetching ? <Loading what={t('checklist.loading')} /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  return <ChecklistBody work={data.assessment} elementKey={elementKey} />;
}

function ChecklistBody({ work, elementKey }: { work: Work; elementKey: string | undefined }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  const fmt = useFormat();
  const [search] = useSearchParams();
  const canAnswer = org.can('answers:write');
  const canAgree = org.can('consensus:write');
  const mode: Mode = search.get('answering') === 'agreed' || !canAnswer ? 'agreed' : 'mine';
  const elements = useMemo(() => elementsOf(work.framework.nodes), [work.framework.nodes]);
  const current = elements.find((e) => e.element.key === elementKey) ?? elements[0];
  const submitted = !editable(work.status);
  const mayChange = mode === 'agreed' ? canAgree : canAnswer;
  const locked = submitted || !mayChange;
  const saver = useAnswerSaver(work.id, mode, work.answers);
  const { library, refresh } = useLibrary();
  const base = `/o/${org.id}/assessments/${work.id}`;
  const onChange = saver.change;
  const onResolve = saver.resolve;
  const evidence = useMemo(() => ({ assessmentId: work.id, library, canWrite: org.can('evidence:write'), onChanged: refresh }), [work.id, library, org, refresh]);

  if (!current) return <Page title={t('checklist.title', { cycle: work.cycle })}><Alert tone="error">{t('checklist.noElements')}</Alert></Page>;
  const role = t(runtimeKey(`roleLower.${org.role}`));
  return (
    <Page title={t('checklist.title', { cycle: work.cycle })}>
      <AssessmentTabs id={work.id} cycle={work.cycle} status={work.status} />
      {submitted ? (
        <Alert tone="info" title={t('checklist.locked.title')}>
          {work.submittedBy ? t('checklist.locked.byWhom', { when: fmt.moment(work.submittedAt), name: work.submittedBy.name }) : t('checklist.locked.when', { when: fmt.moment(work.submittedAt) })}{' '}
          {org.can('assessments:reopen') ? <Trans i18nKey="checklist.locked.reopen" components={{ to: <Link to={`${base}/submit`} /> }} /> : t('checklist.locked.askManager')}
        </Alert>
      ) : null}
      <CompletionBar label={t('checklist.completion')} completion={work.completion} />
      <div className="checklist-controls">
        <nav aria-label={t('checklist.elements')} className="tabs element-tabs">
          {elements.map((e) => (
            <NavLink key={e.element.key} to={`${base}/checklist/${e.element.key}${mode === 'agreed' && canAnswer ? '?answering=agreed' : ''}`} aria-current={e === current ? 'page' : undefined}>
              <span className="key key-small" translate="no">{e.element.key}</span> <span translate="no">{e.element.title ?? e.element.text}</span>
            </NavLink>
          ))}
        </nav>
        {canAnswer ? (
          <nav aria-label={t('checklist.whose')} className="segmented">
            <Link to={`${base}/checklist/${current.element.key}`} aria-current={mode === 'mine' ? 'page' : undefined}>{t('checklist.mine')}</Link>
            <Link to={`${base}/checklist/${current.element.key}?answering=agreed`} aria-current={mode === 'agreed' ? 'page' : undefined}>{t('checklist.agreed')}</Link>
          </nav>
        ) : null}
      </div>
      {submitted ? (
        <ReadOnlyNote>{mode === 'mine' ? t('checklist.mode.lockedMine') : t('checklist.mode.lockedAgreed')}</ReadOnlyNote>
      ) : !mayChange ? (
        <ReadOnlyNote>{t('checklist.mode.readOnly', { role })}</ReadOnlyNote>
      ) : (
        <p className="muted">{mode === 'mine' ? t('checklist.mode.mine') : t('checklist.mode.agreed')}</p>
      )}
      {!locked ? <SaveStatus saver={saver} /> : null}
      <ElementSection tree={current} work={work} mode={mode} locked={locked} saver={saver} onChange={onChange} onResolve={onResolve} evidence={evidence} />
      <p className="muted small" translate="no">{work.framework.source.attribution}</p>
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
  const { t } = useTranslation();
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
      const refused = saver.refused[node.key];
      return (
        <AnswerItem
          key={node.key}
          node={node}
          label={label}
          mode={mode}
          options={evidenceScale ? scales.evidence.options : scales.practice.options}
          improvementFlag={evidenceScale ? scales.evidence.improvementFlag ?? null : null}
          current={pending ?? (saved ? { value: saved.value, areaForImprovement: saved.areaForImprovement, note: saved.note ?? null } : null)}
          agreed={agreed ? { value: agreed.value, setBy: agreed.setBy.name, needsReview: agreed.needsReview } : null}
          team={teamBy.get(node.key) ?? []}
          disagreement={disagreed.has(node.key)}
          unsaved={Boolean(pending)}
          conflict={conflict}
          refusal={refused ? explain(refused) : null}
          locked={locked}
          onChange={onChange}
          onResolve={onResolve}
          evidence={evidence}
        />
      );
    },
    [agreedBy, disagreed, evidence, locked, mineBy, mode, onChange, onResolve, saver.conflicts, saver.pending, saver.refused, scales, teamBy],
  );

  return (
    <section className="element" aria-labelledby="element-question">
      <h2 id="element-question">
        <span className="key" translate="no">{tree.element.key}</span> <span translate="no">{tree.element.title ?? tree.element.text}</span>
        <FootnoteRefs footnotes={tree.element.footnotes} />
      </h2>
      {tree.element.title ? <p className="element-question" translate="no">{tree.element.text}</p> : null}
      <h3 className="section-heading" translate="no">{scales.practice.heading}</h3>
      {tree.actions.map(({ action, parts }) => (
        <article key={action.key} className="action" aria-labelledby={`action-${action.key}`}>
          <div className="action-main">
            <h4 id={`action-${action.key}`}>
              <span className="key" translate="no">{action.key}</span> <span translate="no">{action.text}</span>
              {parts.length ? <FootnoteRefs footnotes={action.footnotes} /> : null}
            </h4>
            {parts.length ? parts.map((part) => item(part, part.text, false)) : item(action, t('checklist.wholeAction'), false)}
          </div>
          <Guidance guidance={action.guidance} />
        </article>
      ))}
      <h3 className="section-heading" translate="no">{scales.evidence.heading}</h3>
      {tree.groups.map(({ group, prompts }) => (
        <section key={group.key} className="prompt-group" aria-labelledby={`group-${group.key}`}>
          <h4 id={`group-${group.key}`} translate="no">{group.text}</h4>
          {prompts.map((prompt) => item(prompt, prompt.text, true))}
        </section>
      ))}
      <FootnoteList footnotes={footnotes} />
    </section>
  );
}
