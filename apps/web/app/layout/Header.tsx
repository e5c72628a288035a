import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/useSession';
import { clearDrafts } from '../screens/assessment/drafts';
import { signOutHere } from '../screens/account/links';

export interface MenuToggle {
  open: boolean;
  controls: string;
  toggle: () => void;
}

export function Header({ organisationName, menu }: { organisationName: string | null; menu?: MenuToggle }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const user = session.status === 'signed-out' ? null : session.user;
  return (
    <header className="top">
      <Link to="/" className="brand">
        <span aria-hidden="true" className="brand-mark">▲</span> {t('common.appName')}
      </Link>
      {menu ? (
        // Shown on narrow screens only (styles.css): the organisation's menu folds away behind it.
        <button type="button" className="menu-toggle" aria-expanded={menu.open} aria-controls={menu.controls} onClick={menu.toggle}>
          {menu.open ? t('header.closeMenu') : t('header.menu')}
        </button>
      ) : null}
      {organisationName ? (
        <span className="top-org">
          <span translate="no">{organisationName}</span>
          {session.status !== 'signed-out' && session.memberships.length > 1 ? (
            <>
              {' '}· <Link to="/">{t('header.switchOrganisation')}</Link>
            </>
          ) : null}
        </span>
      ) : null}
      {user ? (
        <span className="top-user">
          <Link to="/account" translate="no">{user.name}</Link>
          <button
            type="button"
            className="button-link"
            onClick={() => {
              clearDrafts();
              // The server ends the session (its token stops working), then the browser forgets it.
              void signOutHere('signedOut').then(() => navigate('/sign-in'));
            }}
          >
            {t('header.signOut')}
          </button>
        </span>
      ) : null}
    </header>
  );
}
