import { useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { Provider, useQuery } from 'urql';
import { Trans, useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { createApiClient } from '../api/client';
import { explain, problemOf } from '../api/errors';
import { FormatContext, formatsFor, setCurrentFormats } from '../i18n/format';
import { setNumberLocale } from '../i18n/i18n';
import { Organisation, type OrganisationContext } from './organisation';
import { Header } from './Header';
import { Nav } from './Nav';
import { SessionExpired } from './SessionExpired';
import { Alert } from '../ui/Alert';
import { Loading, Page } from '../ui/Page';

const WhoAmI = graphql(`
  query WhoAmI {
    me { user { id name } role permissions activeOrganisationId }
    organisation { id name kind timeZone locale }
  }
`);

export function OrgLayout() {
  const { orgId = '' } = useParams();
  const client = useMemo(() => createApiClient(orgId), [orgId]);
  return (
    <Provider value={client}>
      <Shell orgId={orgId} />
    </Provider>
  );
}

function Shell({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: WhoAmI });
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  // Choosing a screen from the folded menu closes it again.
  useEffect(() => setMenuOpen(false), [location.pathname]);
  const context = useMemo<OrganisationContext | null>(() => {
    if (!data) return null;
    const permissions = new Set(data.me.permissions);
    return {
      ...data.organisation,
      role: data.me.role ?? 'VIEWER',
      userId: data.me.user?.id ?? null,
      permissions,
      can: (permission: string) => permissions.has(permission),
    };
  }, [data]);
  const locale = context?.locale ?? 'en-GB';
  const timeZone = context?.timeZone ?? 'Europe/London';
  const formats = useMemo(() => formatsFor(locale, timeZone, t('figures.noFigure')), [locale, timeZone, t]);
  useEffect(() => {
    setNumberLocale(locale);
    setCurrentFormats(formats);
  }, [locale, formats]);
  const problem = problemOf(error);

  let body;
  if (context) body = <Outlet />;
  else if (problem?.reason === 'SECOND_FACTOR_REQUIRED')
    // An owner or manager the organisation asks for sign-in codes, who has not set them up yet.
    body = (
      <Page title={t('orgLayout.secondFactorTitle')}>
        <Alert tone="warning">{explain(problem)}</Alert>
        <p><Link to="/account" className="button">{t('orgLayout.secondFactorLink')}</Link></p>
      </Page>
    );
  else if (problem && problem.code !== 'UNAUTHENTICATED')
    body = (
      <Page title={t('orgLayout.noAccessTitle')}>
        <Alert tone="error" title={t('orgLayout.noAccessHeading')}>
          <Trans i18nKey="orgLayout.noAccessBody" components={{ to: <Link to="/" /> }} />
        </Alert>
      </Page>
    );
  else body = fetching || !problem ? <Loading what={t('orgLayout.opening')} /> : null;

  return (
    <Organisation.Provider value={context}>
      <FormatContext.Provider value={formats}>
        <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
        <Header organisationName={context?.name ?? null} menu={context ? { open: menuOpen, controls: 'organisation-menu', toggle: () => setMenuOpen((open) => !open) } : undefined} />
        <div className="shell">
          {context ? <Nav orgId={orgId} id="organisation-menu" open={menuOpen} /> : null}
          <main id="main" className="main" tabIndex={-1}>{body}</main>
        </div>
        <SessionExpired />
      </FormatContext.Provider>
    </Organisation.Provider>
  );
}
