import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrganisation } from '../../layout/organisation';
import { StatusBadge } from '../../ui/Badge';

/** The screens of one assessment, as a secondary navigation. */
export function AssessmentTabs({ id, cycle, status }: { id: string; cycle: string; status: string }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  const base = `/o/${org.id}/assessments/${id}`;
  return (
    <div className="assessment-bar">
      <p className="assessment-name">
        {t('assessment.cycle', { cycle })} <StatusBadge kind="assessment" status={status} />
      </p>
      <nav aria-label={t('assessment.tabs.label', { cycle })} className="tabs">
        <NavLink to={`${base}/checklist`}>{t('assessment.tabs.checklist')}</NavLink>
        <NavLink to={`${base}/team`}>{t('assessment.tabs.team')}</NavLink>
        <NavLink to={`${base}/submit`}>{status === 'SUBMITTED' ? t('assessment.tabs.locked') : t('assessment.tabs.submit')}</NavLink>
        <NavLink to={`${base}/scores`}>{t('assessment.tabs.scores')}</NavLink>
        <NavLink to={`/o/${org.id}/plan?assessment=${id}`}>{t('assessment.tabs.plan')}</NavLink>
      </nav>
    </div>
  );
}
