import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { DownloadError, download } from '../api/download';
import { authHeaders } from '../api/client';
import { type ApiProblem, problemOf } from '../api/errors';
import { useOrganisation } from '../layout/organisation';
import { i18next, runtimeKey } from '../i18n/i18n';
import { Alert, ProblemAlert } from '../ui/Alert';
import { Loading, Page } from '../ui/Page';
import { StatusBadge } from '../ui/Badge';
import { TableFrame } from '../ui/TableFrame';
import { IMPORT_KINDS, canImport, importPath } from './imports/kinds';

const ExportAssessments = graphql(`
  query ExportAssessments { assessments(first: 50) { edges { node { id cycle status } } } }
`);

/** A table's plain name from the catalogue; one the catalogue does not know yet is named by its table name. */
const tableName = (table: string) => (i18next.exists(`exports.table.${table}`) ? i18next.t(runtimeKey(`exports.table.${table}`)) : table);

/**
 * People's documents first (each assessment's report to read and print, as a PDF, and its plan),
 * which every member may have; then, for owners and managers, all the organisation's data.
 */
export default function Exports() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const [{ data, error, fetching }] = useQuery({ query: ExportAssessments });
  const [tables, setTables] = useState<string[]>([]);
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const allData = org.can('exports:read');
  const imports = IMPORT_KINDS.filter((kind) => canImport(org, kind));
  useEffect(() => {
    if (!allData) return;
    // The table list is a download route too: same headers, no GraphQL.
    void fetch('/exports/tables', { headers: authHeaders(org.id) })
      .then((res) => (res.ok ? (res.json() as Promise<{ tables: { name: string }[] }>) : { tables: [] }))
      .then((body) => setTables(body.tables.map((table) => table.name)));
  }, [org.id, allData]);
  const get = (path: string, open = false) => {
    setFailure(null);
    setDone(null);
    download(path, org.id, open)
      .then((name) => setDone(open ? t('exports.opened') : t('exports.downloaded', { name })))
      .catch((e: unknown) => setFailure(e instanceof DownloadError ? e.problem : { code: 'NETWORK', message: String(e), extensions: {} }));
  };
  return (
    <Page title={t('exports.title')} intro={<p>{allData ? t('exports.intro') : t('exports.introReports')}</p>}>
      <div aria-live="polite">
        {failure ? <ProblemAlert problem={failure} /> : null}
        {done ? <Alert tone="success">{done}</Alert> : null}
      </div>
      <h2>{t('exports.reports.heading')}</h2>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : data.assessments.edges.length === 0 ? <p>{t('exports.reports.none')}</p> : (
        <TableFrame label={t('exports.reports.caption')}>
          <table>
            <caption>{t('exports.reports.caption')}</caption>
            <thead><tr><th scope="col">{t('exports.reports.cycle')}</th><th scope="col">{t('exports.reports.report')}</th><th scope="col">{t('exports.reports.pdf')}</th><th scope="col">{t('exports.reports.plan')}</th></tr></thead>
            <tbody>
              {data.assessments.edges.map(({ node: a }) => (
                <tr key={a.id}>
                  <th scope="row">{a.cycle} <StatusBadge kind="assessment" status={a.status} /></th>
                  <td><button type="button" className="button-link" onClick={() => get(`/exports/assessments/${a.id}/report.html`, true)}>{t('exports.reports.open')}<span className="visually-hidden"> {t('exports.reports.ofReport', { cycle: a.cycle })}</span></button></td>
                  <td><button type="button" className="button-link" onClick={() => get(`/exports/assessments/${a.id}/report.pdf`)}>{t('exports.reports.downloadPdf')}<span className="visually-hidden"> {t('exports.reports.ofReport', { cycle: a.cycle })}</span></button></td>
                  <td><button type="button" className="button-link" onClick={() => get(`/exports/assessments/${a.id}/plan.csv`)}>{t('exports.reports.downloadPlan')}<span className="visually-hidden"> {t('exports.reports.ofPlan', { cycle: a.cycle })}</span></button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
      {allData ? (
        <section aria-labelledby="all-data">
          <h2 id="all-data">{t('exports.all.heading')}</h2>
          <p>{t('exports.all.intro')}</p>
          <p><button type="button" className="button" onClick={() => get('/exports/organisation.json')}>{t('exports.all.json')}</button></p>
          {tables.length ? (
            <details>
              <summary>{t('exports.all.tables', { count: tables.length })}</summary>
              <ul className="columns">
                {tables.map((table) => (
                  <li key={table}>
                    <button type="button" className="button-link" onClick={() => get(`/exports/tables/${table}.csv`)}>
                      {tableName(table)}<span className="visually-hidden"> {t('exports.all.asCsv')}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}
      {imports.length ? (
        <section aria-labelledby="imports">
          <h2 id="imports">{t('exports.imports.heading')}</h2>
          <p>{t('exports.imports.intro')}</p>
          <ul>
            {imports.map((kind) => <li key={kind}><Link to={importPath(org.id, kind)}>{t(`exports.imports.${kind}`)}</Link></li>)}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}
