import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { DownloadError, download } from '../../api/download';
import { type ApiProblem, fieldMessage, placedBeside, problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { signOutHere } from '../account/links';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';

const DeleteOrganisation = graphql(`
  mutation DeleteOrganisation($confirmName: String!, $exportDeclined: Boolean!) {
    deleteOrganisation(confirmName: $confirmName, exportDeclined: $exportDeclined) { organisationId rowsErased }
  }
`);

/**
 * The organisation's own settings for its owners: deleting it. The export is offered first (the
 * API asks for a download within the last days, or a clear "no copy"), then the name is typed.
 * Once deleted, the person is signed out and told it is gone.
 */
export default function OrganisationSettings() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const navigate = useNavigate();
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [name, setName] = useState('');
  const [declined, setDeclined] = useState(false);
  const [result, remove] = useMutation(DeleteOrganisation);
  const problem = problemOf(result.error);
  return (
    <Page title={t('orgSettings.title')}>
      <section className="card" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t('orgSettings.delete.heading')}</h2>
        <p>{t('orgSettings.delete.what', { name: org.name })}</p>
        <h3>{t('orgSettings.delete.exportHeading')}</h3>
        <p>{t('orgSettings.delete.exportWhy')}</p>
        <p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setFailure(null);
              download('/exports/organisation.json', org.id)
                .then((file) => setDownloaded(file))
                .catch((e: unknown) => setFailure(e instanceof DownloadError ? e.problem : { code: 'NETWORK', message: String(e), extensions: {} }));
            }}
          >
            {t('orgSettings.delete.download')}
          </button>
        </p>
        <div aria-live="polite">
          {downloaded ? <Alert tone="success">{t('orgSettings.delete.downloaded', { name: downloaded })}</Alert> : null}
          {failure ? <ProblemAlert problem={failure} /> : null}
        </div>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void remove({ confirmName: name, exportDeclined: declined }).then(async (r) => {
              if (!r.data) return;
              await signOutHere('organisationDeleted');
              void navigate('/sign-in', { replace: true });
            });
          }}
        >
          <h3>{t('orgSettings.delete.confirmHeading')}</h3>
          <TextField
            label={t('orgSettings.delete.typeName', { name: org.name })}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            required
            error={fieldMessage(problem, 'confirmName')}
          />
          <p className="checkbox">
            <label>
              <input type="checkbox" checked={declined} onChange={(e) => setDeclined(e.target.checked)} /> {t('orgSettings.delete.noCopy')}
            </label>
          </p>
          {placedBeside(problem, ['confirmName']) ? null : <ProblemAlert problem={problem} />}
          <button type="submit" className="button button-danger" disabled={result.fetching}>{t('orgSettings.delete.button', { name: org.name })}</button>
        </form>
      </section>
    </Page>
  );
}
