import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/useSession';
import { Header } from '../layout/Header';
import { SessionExpired } from '../layout/SessionExpired';
import { Page } from '../ui/Page';
import { runtimeKey } from '../i18n/i18n';

export function ChooseOrganisation() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.status === 'signed-out') return <Navigate to="/sign-in" replace />;
  // With one organisation there is nothing to choose.
  const only = session.memberships.length === 1 ? session.memberships[0] : undefined;
  if (only) return <Navigate to={`/o/${only.organisation.id}`} replace />;
  return (
    <>
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <Header organisationName={null} />
      <main id="main" className="narrow" tabIndex={-1}>
        <Page title={t('chooseOrganisation.title')} intro={<p>{t('chooseOrganisation.intro')}</p>}>
          <ul className="cards">
            {session.memberships.map((m) => (
              <li key={m.organisation.id} className="card">
                <Link to={`/o/${m.organisation.id}`} className="card-title" translate="no">{m.organisation.name}</Link>
                <p className="muted">{t('chooseOrganisation.kindAndRole', { kind: t(runtimeKey(`kind.${m.organisation.kind}`)), role: t(runtimeKey(`role.${m.role}`)) })}</p>
              </li>
            ))}
          </ul>
        </Page>
      </main>
      <SessionExpired />
    </>
  );
}
