import { Link, Navigate } from 'react-router';
import { useSession } from '../session/useSession';
import { Header } from '../layout/Header';
import { SessionExpired } from '../layout/SessionExpired';
import { Page } from '../ui/Page';
import { humanise } from '../ui/format';

export function ChooseOrganisation() {
  const session = useSession();
  if (session.status === 'signed-out') return <Navigate to="/sign-in" replace />;
  // With one organisation there is nothing to choose.
  const only = session.memberships.length === 1 ? session.memberships[0] : undefined;
  if (only) return <Navigate to={`/o/${only.organisation.id}`} replace />;
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <Header organisationName={null} />
      <main id="main" className="narrow" tabIndex={-1}>
        <Page title="Choose an organisation" intro={<p>You are a member of these organisations. Pick the one to work for; you can switch at any time.</p>}>
          <ul className="cards">
            {session.memberships.map((m) => (
              <li key={m.organisation.id} className="card">
                <Link to={`/o/${m.organisation.id}`} className="card-title">{m.organisation.name}</Link>
                <p className="muted">{humanise(m.organisation.kind)} · your role: {humanise(m.role)}</p>
              </li>
            ))}
          </ul>
        </Page>
      </main>
      <SessionExpired />
    </>
  );
}
