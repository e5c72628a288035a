import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { MemberRole, SsoProtocol } from '../../gql/graphql';
import { fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Checkbox } from '../../ui/Choice';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { Loading, Page } from '../../ui/Page';

const Settings = graphql(`
  query SsoSettings {
    ssoSettings {
      protocol enabled oidcIssuer oidcClientId oidcClientSecretSet samlEntryPoint samlIdpIssuer samlCertificate
      allowedDomains defaultRole ssoRequired breakGlassEmail oidcCallbackUrl samlAcsUrl samlEntityId updatedAt
    }
  }
`);
const Configure = graphql(`
  mutation ConfigureSso($input: ConfigureSsoInput!) {
    configureSso(input: $input) {
      protocol enabled oidcIssuer oidcClientId oidcClientSecretSet samlEntryPoint samlIdpIssuer samlCertificate
      allowedDomains defaultRole ssoRequired breakGlassEmail oidcCallbackUrl samlAcsUrl samlEntityId updatedAt
    }
  }
`);

const FIELDS = ['oidcIssuer', 'oidcClientId', 'oidcClientSecret', 'samlEntryPoint', 'samlIdpIssuer', 'samlCertificate', 'allowedDomains', 'defaultRole', 'breakGlassEmail'] as const;

interface Form {
  protocol: SsoProtocol;
  enabled: boolean;
  oidcIssuer: string;
  oidcClientId: string;
  oidcClientSecret: string;
  samlEntryPoint: string;
  samlIdpIssuer: string;
  samlCertificate: string;
  domains: string;
  defaultRole: MemberRole;
  ssoRequired: boolean;
  breakGlassEmail: string;
}

const EMPTY: Form = {
  protocol: 'OIDC', enabled: true, oidcIssuer: '', oidcClientId: '', oidcClientSecret: '', samlEntryPoint: '', samlIdpIssuer: '', samlCertificate: '',
  domains: '', defaultRole: 'ASSESSOR', ssoRequired: false, breakGlassEmail: '',
};

/** An owner's settings for signing in through the organisation's own identity provider. */
export default function SingleSignOn() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const [{ data, error, fetching }] = useQuery({ query: Settings });
  const [saved, save] = useMutation(Configure);
  const [form, setForm] = useState<Form>(EMPTY);
  const [done, setDone] = useState(false);
  const current = saved.data?.configureSso ?? data?.ssoSettings ?? null;

  useEffect(() => {
    const s = data?.ssoSettings;
    if (!s) return;
    setForm({
      protocol: s.protocol, enabled: s.enabled, oidcIssuer: s.oidcIssuer ?? '', oidcClientId: s.oidcClientId ?? '', oidcClientSecret: '',
      samlEntryPoint: s.samlEntryPoint ?? '', samlIdpIssuer: s.samlIdpIssuer ?? '', samlCertificate: s.samlCertificate ?? '',
      domains: s.allowedDomains.join(', '), defaultRole: s.defaultRole, ssoRequired: s.ssoRequired, breakGlassEmail: s.breakGlassEmail ?? '',
    });
  }, [data]);

  const problem = problemOf(saved.error);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setDone(false);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const loadProblem = problemOf(error);
  if (!data && loadProblem?.code === 'FORBIDDEN') {
    return (
      <Page title={t('sso.title')}>
        <Alert tone="info" title={t('sso.noAccess.title')}><p>{t('sso.noAccess.body')}</p></Alert>
      </Page>
    );
  }
  const origin = window.location.origin;
  const urls = {
    callback: current?.oidcCallbackUrl ?? `${origin}/sso/oidc/callback`,
    acs: current?.samlAcsUrl ?? `${origin}/sso/saml/acs`,
    entityId: current?.samlEntityId ?? `${origin}/sso/saml/metadata`,
  };
  const oidc = form.protocol === 'OIDC';
  const roles: MemberRole[] = org.kind === 'REGIONAL_BODY' ? ['ANALYST', 'VIEWER', 'ASSESSOR', 'MANAGER'] : ['ASSESSOR', 'VIEWER', 'MANAGER'];

  return (
    <Page title={t('sso.title')} busy={fetching && !!data} intro={<p>{t('sso.intro')}</p>}>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={loadProblem} />) : (
        <form
          className="card"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setDone(false);
            void save({
              input: {
                protocol: form.protocol, enabled: form.enabled, allowedDomains: form.domains.split(/[\s,;]+/).filter(Boolean), defaultRole: form.defaultRole,
                ssoRequired: form.ssoRequired, breakGlassEmail: form.breakGlassEmail || null,
                ...(oidc
                  ? { oidcIssuer: form.oidcIssuer, oidcClientId: form.oidcClientId, oidcClientSecret: form.oidcClientSecret || null }
                  : { samlEntryPoint: form.samlEntryPoint, samlIdpIssuer: form.samlIdpIssuer, samlCertificate: form.samlCertificate }),
              },
            }).then((r) => {
              if (!r.data) return;
              setDone(true);
              setForm((f) => ({ ...f, oidcClientSecret: '' }));
            });
          }}
        >
          <section aria-labelledby="sso-give">
            <h2 id="sso-give">{t('sso.give.heading')}</h2>
            <p>{t(oidc ? 'sso.give.oidc' : 'sso.give.saml')}</p>
            <dl className="dl">
              {oidc ? (
                <><dt>{t('sso.give.callback')}</dt><dd><code translate="no">{urls.callback}</code></dd></>
              ) : (
                <>
                  <dt>{t('sso.give.acs')}</dt><dd><code translate="no">{urls.acs}</code></dd>
                  <dt>{t('sso.give.entityId')}</dt><dd><code translate="no">{urls.entityId}</code></dd>
                </>
              )}
            </dl>
          </section>
          <SelectField label={t('sso.protocol')} value={form.protocol} onChange={(e) => set('protocol', e.target.value as SsoProtocol)}>
            <option value="OIDC">{t('sso.protocols.OIDC')}</option>
            <option value="SAML">{t('sso.protocols.SAML')}</option>
          </SelectField>
          {oidc ? (
            <>
              <TextField label={t('sso.oidcIssuer')} hint={t('sso.oidcIssuerHint')} type="url" value={form.oidcIssuer} onChange={(e) => set('oidcIssuer', e.target.value)} error={fieldMessage(problem, 'oidcIssuer')} />
              <TextField label={t('sso.oidcClientId')} value={form.oidcClientId} onChange={(e) => set('oidcClientId', e.target.value)} error={fieldMessage(problem, 'oidcClientId')} />
              <TextField
                label={t('sso.oidcClientSecret')}
                hint={current?.oidcClientSecretSet ? t('sso.secretKept') : t('sso.secretHint')}
                type="password"
                autoComplete="off"
                value={form.oidcClientSecret}
                onChange={(e) => set('oidcClientSecret', e.target.value)}
                error={fieldMessage(problem, 'oidcClientSecret')}
              />
            </>
          ) : (
            <>
              <TextField label={t('sso.samlEntryPoint')} type="url" value={form.samlEntryPoint} onChange={(e) => set('samlEntryPoint', e.target.value)} error={fieldMessage(problem, 'samlEntryPoint')} />
              <TextField label={t('sso.samlIdpIssuer')} value={form.samlIdpIssuer} onChange={(e) => set('samlIdpIssuer', e.target.value)} error={fieldMessage(problem, 'samlIdpIssuer')} />
              <TextArea label={t('sso.samlCertificate')} value={form.samlCertificate} onChange={(e) => set('samlCertificate', e.target.value)} error={fieldMessage(problem, 'samlCertificate')} />
            </>
          )}
          <TextField label={t('sso.domains')} hint={t('sso.domainsHint')} value={form.domains} onChange={(e) => set('domains', e.target.value)} error={fieldMessage(problem, 'allowedDomains')} />
          <SelectField label={t('sso.defaultRole')} hint={t('sso.defaultRoleHint')} value={form.defaultRole} onChange={(e) => set('defaultRole', e.target.value as MemberRole)} error={fieldMessage(problem, 'defaultRole')}>
            {roles.map((role) => <option key={role} value={role}>{t(`role.${role}`)}</option>)}
          </SelectField>
          <Checkbox label={t('sso.enabled')} checked={form.enabled} onChange={(v) => set('enabled', v)} />
          <Checkbox label={t('sso.required')} checked={form.ssoRequired} onChange={(v) => set('ssoRequired', v)} />
          <TextField label={t('sso.breakGlass')} hint={t('sso.breakGlassHint')} type="email" value={form.breakGlassEmail} onChange={(e) => set('breakGlassEmail', e.target.value)} error={fieldMessage(problem, 'breakGlassEmail')} />
          <div aria-live="polite">
            {!placedBeside(problem, FIELDS) ? <ProblemAlert problem={problem} /> : null}
            {done ? <Alert tone="success">{t('sso.saved')}</Alert> : null}
          </div>
          <button type="submit" className="button" disabled={saved.fetching}>{saved.fetching ? t('sso.saving') : t('sso.save')}</button>
        </form>
      )}
    </Page>
  );
}
