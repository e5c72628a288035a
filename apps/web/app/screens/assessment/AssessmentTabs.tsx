import { NavLink } from 'react-router';
import { useOrganisation } from '../../layout/organisation';
import { StatusBadge } from '../../ui/Badge';

/** The screens of one assessment, as a secondary navigation. */
export function AssessmentTabs({ id, cycle, status }: { id: string; cycle: string; status: string }) {
  const org = useOrganisation();
  const base = `/o/${org.id}/assessments/${id}`;
  return (
    <div className="assessment-bar">
      <p className="assessment-name">
        Cycle {cycle} <StatusBadge status={status} />
      </p>
      <nav aria-label={`Assessment, cycle ${cycle}`} className="tabs">
        <NavLink to={`${base}/checklist`}>Checklist</NavLink>
        <NavLink to={`${base}/team`}>Team view</NavLink>
        <NavLink to={`${base}/submit`}>{status === 'SUBMITTED' ? 'Locked result' : 'Submit'}</NavLink>
        <NavLink to={`${base}/scores`}>Scores</NavLink>
        <NavLink to={`/o/${org.id}/plan?assessment=${id}`}>Plan</NavLink>
      </nav>
    </div>
  );
}
