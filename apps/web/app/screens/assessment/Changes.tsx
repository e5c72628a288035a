import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { runtimeKey } from '../../i18n/i18n';
import { ProblemAlert } from '../../ui/Alert';
import { Loading, Page } from '../../ui/Page';
import { AssessmentTabs } from './AssessmentTabs';

const AssessmentChanges = graphql(`
  query AssessmentChanges($id: ID!) {
    assessment(id: $id) {
      id cycle status
      framework { id title version }
      previous { id cycle framework { id version } }
      changesSincePrevious { kind nodeKind fromKey toKeys before after }
      answers { nodeKey needsReview }
    }
  }
`);

/** What changed in the framework since the cycle before, when this cycle moved to a newer version. */
export default function Changes() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const { assessmentId = '' } = useParams();
  const [{ data, error, fetching }] = useQuery({ query: AssessmentChanges, variables: { id: assessmentId } });
  const a = data?.assessment;
  if (!a) return <Page title={t('changes.loadingTitle')}>{fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />}</Page>;
  const previous = a.previous;
  const moved = previous && previous.framework.id !== a.framework.id;
  const toReview = a.answers.filter((x) => x.needsReview).map((x) => x.nodeKey);
  const checklist = `/o/${org.id}/assessments/${a.id}/checklist`;
  const elementOf = (key: string) => key.split('.').slice(0, 2).join('.');

  return (
    <Page title={t('changes.title', { cycle: a.cycle })}>
      <AssessmentTabs id={a.id} cycle={a.cycle} status={a.status} />
      {!moved ? (
        <p>{t('changes.sameVersion', { version: a.framework.version })}</p>
      ) : (
        <>
          <p>{t('changes.intro', { from: previous.framework.version, to: a.framework.version, cycle: previous.cycle, title: a.framework.title })}</p>
          <p role="status">
            {toReview.length ? t('changes.toReview', { count: toReview.length }) : t('changes.noneToReview')}
          </p>
          {toReview.length ? (
            <ul className="links" aria-label={t('changes.toReviewList')}>
              {toReview.map((key) => (
                <li key={key}><Link to={`${checklist}/${elementOf(key)}`}><span translate="no">{key}</span></Link></li>
              ))}
            </ul>
          ) : null}
          <h2>{t('changes.listTitle', { count: a.changesSincePrevious.length })}</h2>
          <ul className="cards changes">
            {a.changesSincePrevious.map((c) => {
              const key = `${c.kind}-${c.fromKey ?? ''}-${c.toKeys.join('+')}`;
              return (
                <li key={key} className="card" data-change={c.kind}>
                  <p className="card-row">
                    <strong>{t(runtimeKey(`changes.kind.${c.kind}`))}</strong>
                    <span className="muted">{t(runtimeKey(`changes.nodeKind.${c.nodeKind}`))}</span>
                  </p>
                  {c.before !== null ? (
                    <p>
                      <span className="muted">{t('changes.before', { key: c.fromKey })}</span> {c.before}
                    </p>
                  ) : null}
                  {c.toKeys.map((toKey, i) => (
                    <p key={toKey}>
                      <span className="muted">{t('changes.after', { key: toKey })}</span> {c.after[i]}
                    </p>
                  ))}
                  {c.kind === 'REMOVED' ? <p className="muted">{t('changes.removedNote', { cycle: previous.cycle })}</p> : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <p><Link className="button" to={checklist}>{t('changes.toChecklist')}</Link></p>
    </Page>
  );
}
