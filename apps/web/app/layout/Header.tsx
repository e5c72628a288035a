import { Link, useNavigate } from 'react-router';
import { useSession } from '../session/useSession';
import { sessionStore } from '../session/store';
import { clearDrafts } from '../screens/assessment/drafts';

export function Header({ organisationName }: { organisationName: string | null }) {
  const session = useSession();
  const navigate = useNavigate();
  const user = session.status === 'signed-out' ? null : session.user;
  return (
    <header className="top">
      <Link to="/" className="brand">
        <span aria-hidden="true" className="brand-mark">▲</span> Waymark
      </Link>
      {organisationName ? (
        <span className="top-org">
          {organisationName}
          {session.status !== 'signed-out' && session.memberships.length > 1 ? (
            <>
              {' '}· <Link to="/">Switch organisation</Link>
            </>
          ) : null}
        </span>
      ) : null}
      {user ? (
        <span className="top-user">
          <span>{user.name}</span>
          <button
            type="button"
            className="button-link"
            onClick={() => {
              clearDrafts();
              sessionStore.signOut('You have signed out.');
              void navigate('/sign-in');
            }}
          >
            Sign out
          </button>
        </span>
      ) : null}
    </header>
  );
}
