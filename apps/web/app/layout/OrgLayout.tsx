import { useMemo } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { Provider, useQuery } from 'urql';
import { graphql } from '../gql';
import { createApiClient } from '../api/client';
import { problemOf } from '../api/errors';
import { Organisation, type OrganisationContext } from './organisation';
import { Header } from './Header';
import { Nav } from './Nav';
import { SessionExpired } from './SessionExpired';
import { Alert } from '../ui/Alert';
import { Loading, Page } from '../ui/Page';

const WhoAmI = graphql(`
  query WhoAmI {
    me { user { id name } role permissions activeOrganisationId }
    organisation { id name kind timeZone }
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
  const [{ data, error, fetching }] = useQuery({ query: WhoAmI });
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
  const problem = problemOf(error);

  let body;
  if (context) body = <Outlet />;
  else if (problem && problem.code !== 'UNAUTHENTICATED')
    body = (
      <Page title="No access to this organisation">
        <Alert tone="error" title="You cannot open this organisation">
          It does not exist, or you are not one of its members. <Link to="/">Choose one of your organisations</Link>.
        </Alert>
      </Page>
    );
  else body = fetching || !problem ? <Loading what="Opening the organisation" /> : null;

  return (
    <Organisation.Provider value={context}>
      <a className="skip-link" href="#main">Skip to content</a>
      <Header organisationName={context?.name ?? null} />
      <div className="shell">
        {context ? <Nav orgId={orgId} /> : null}
        <main id="main" className="main" tabIndex={-1}>{body}</main>
      </div>
      <SessionExpired />
    </Organisation.Provider>
  );
}
