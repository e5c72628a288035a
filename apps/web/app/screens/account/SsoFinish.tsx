import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { problemOf } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Loading, Page } from '../../ui/Page';
import { keepSession } from './links';

const Finish = graphql(`
  mutation FinishSsoSignIn($code: String!) {
    finishSsoSignIn(code: $code) { ...AuthPayloadFields }
  }
`);

/**
 * Where the API sends the browser back from the organisation's identity provider: the one-time
 * code is in the address's fragment (never sent to a server), read once and taken out of the
 * address bar, and exchanged for a session as after a password sign-in.
 */
export default function SsoFinish() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [result, finish] = useMutation(Finish);
  const [link] = useState(() => {
    const params = new URLSearchParams(window.location.hash.slice(1));
    if (params.get('code')) window.history.replaceState(window.history.state, '', window.location.pathname);
    return { code: params.get('code'), organisation: params.get('organisation') };
  });

  // The code works once: asked for once, however often the effect runs.
  const asked = useRef(false);
  useEffect(() => {
    if (!link.code || asked.current) return;
    asked.current = true;
    void finish({ code: link.code }).then((r) => {
      if (!r.data) return;
      keepSession(r.data.finishSsoSignIn);
      const member = r.data.finishSsoSignIn.memberships.some((m) => m.organisation.id === link.organisation);
      void navigate(member ? `/o/${link.organisation}` : '/', { replace: true });
    });
  }, [finish, link, navigate]);

  const failed = !link.code || problemOf(result.error);
  return (
    <main id="main" className="narrow" tabIndex={-1}>
      <Page title={t('ssoFinish.title')}>
        {failed ? (
          <>
            <Alert tone="warning">{t('ssoFinish.failed')}</Alert>
            <p><Link to="/sign-in">{t('ssoFinish.again')}</Link></p>
          </>
        ) : <Loading what={t('ssoFinish.working')} />}
      </Page>
    </main>
  );
}
