import { NavLink } from 'react-router';
import { useOrganisation } from './organisation';

interface Item {
  to: string;
  label: string;
  when?: (org: ReturnType<typeof useOrganisation>) => boolean;
  /** Active only on its own path, not on the paths below it. */
  end?: boolean;
}

const institution = (org: { kind: string }) => org.kind !== 'REGIONAL_BODY';
const body = (org: { kind: string }) => org.kind === 'REGIONAL_BODY';

const ITEMS: Item[] = [
  { to: '', label: 'Assessments', end: true },
  { to: 'plan', label: 'Action plan', when: institution },
  { to: 'progress', label: 'Progress', when: institution },
  { to: 'evidence', label: 'Evidence library', when: institution },
  { to: 'partners', label: 'Partnerships', when: institution },
  { to: 'network', label: 'Regional dashboard', when: body, end: true },
  { to: 'network/members', label: 'Network members', when: body },
  { to: 'benchmarks', label: 'Benchmarks', when: institution },
  { to: 'exports', label: 'Exports', when: (org) => org.can('exports:read') },
  { to: 'settings/members', label: 'Members', when: (org) => org.can('members:read') },
  { to: 'settings/api-keys', label: 'API keys', when: (org) => org.can('apikeys:manage') },
  { to: 'settings/webhooks', label: 'Webhooks', when: (org) => org.can('webhooks:manage') },
  { to: 'settings/notifications', label: 'Notifications', when: (org) => org.can('notifications:manage') },
];

export function Nav({ orgId }: { orgId: string }) {
  const org = useOrganisation();
  return (
    <nav className="side" aria-label="Organisation">
      <ul>
        {ITEMS.filter((item) => !item.when || item.when(org)).map((item) => (
          <li key={item.to}>
            <NavLink to={`/o/${orgId}${item.to ? `/${item.to}` : ''}`} end={item.end ?? false}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
