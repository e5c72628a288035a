import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { type OrganisationContext, useOrganisation } from './organisation';

type Label = 'assessments' | 'plan' | 'progress' | 'evidence' | 'partners' | 'dashboard' | 'networkMembers' | 'benchmarks' | 'exports' | 'members' | 'apiKeys' | 'webhooks' | 'notifications' | 'organisation' | 'singleSignOn';

interface Item {
  to: string;
  label: Label;
  when?: (org: OrganisationContext) => boolean;
  /** Active only on its own path, not on the paths below it. */
  end?: boolean;
}

const institution = (org: { kind: string }) => org.kind !== 'REGIONAL_BODY';
const body = (org: { kind: string }) => org.kind === 'REGIONAL_BODY';

const ITEMS: Item[] = [
  { to: '', label: 'assessments', end: true, when: institution },
  { to: 'network', label: 'dashboard', when: body, end: true },
  { to: 'network/members', label: 'networkMembers', when: body },
  { to: 'plan', label: 'plan', when: institution },
  { to: 'progress', label: 'progress', when: institution },
  { to: 'evidence', label: 'evidence', when: institution },
  { to: 'partners', label: 'partners', when: institution },
  { to: 'benchmarks', label: 'benchmarks', when: institution },
  // Every member may read the reports and plans; whole-data downloads are for owners and managers.
  { to: 'exports', label: 'exports', when: (org) => org.can('reports:read') || org.can('exports:read') },
  { to: 'settings/members', label: 'members', when: (org) => org.can('members:read') },
  { to: 'settings/api-keys', label: 'apiKeys', when: (org) => org.can('apikeys:manage') },
  { to: 'settings/webhooks', label: 'webhooks', when: (org) => org.can('webhooks:manage') },
  { to: 'settings/notifications', label: 'notifications', when: (org) => org.can('notifications:manage') },
  { to: 'settings/organisation', label: 'organisation', when: (org) => org.can('organisation:manage') },
  { to: 'settings/sign-in', label: 'singleSignOn', when: (org) => org.can('organisation:manage') },
];

export function Nav({ orgId, id, open }: { orgId: string; id: string; open: boolean }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  return (
    <nav id={id} className={`side${open ? ' side-open' : ''}`} aria-label={t('nav.label')}>
      <ul>
        {ITEMS.filter((item) => !item.when || item.when(org)).map((item) => (
          <li key={item.to}>
            <NavLink to={`/o/${orgId}${item.to ? `/${item.to}` : ''}`} end={item.end ?? false}>
              {t(`nav.${item.label}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
