import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { download } from '../api/download';
import { authHeaders } from '../api/client';
import { problemOf } from '../api/errors';
import { useOrganisation } from '../layout/organisation';
import { Alert, ProblemAlert } from '../ui/Alert';
import { Loading, Page } from '../ui/Page';
import { StatusBadge } from '../ui/Badge';

const ExportAssessments = graphql(`
  query ExportAssessments { assessments(page: { first: 50 }) { edges { node { id cycle status } } } }
`);

export default function Exports() {
  const org = useOrganisation();
  const [{ data, error, fetching }] = useQuery({ query: ExportAssessments });
  const [tables, setTables] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    // The table list is a download route too: same headers, no GraphQL.
    void fetch('/exports/tables', { headers: authHeaders(org.id) })
      .then((res) => (res.ok ? (res.json() as Promise<{ tables: { name: string }[] }>) : { tables: [] }))
      .then((body) => setTables(body.tables.map((t) => t.name)));
  }, [org.id]);
  const get = (path: string, filename: string, open = false) => {
    setFailure(null);
    download(path, org.id, filename, open)
      .then(() => setDone(open ? `Opened ${filename} in a new tab: print it from there.` : `Downloaded ${filename}.`))
      .catch((e: unknown) => setFailure(e instanceof Error ? e.message : String(e)));
  };
  return (
    <Page title="Exports" intro={<p>Everything your organisation owns, at any time, and a readable report of each assessment and its plan.</p>}>
      {failure ? <Alert tone="error" title="The download failed">{failure}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <h2>Reports and plans</h2>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : (
        <div className="table-wrap">
          <table>
            <caption>Each assessment</caption>
            <thead><tr><th scope="col">Cycle</th><th scope="col">Printable report</th><th scope="col">Report (PDF)</th><th scope="col">Plan (CSV)</th></tr></thead>
            <tbody>
              {data.assessments.edges.map(({ node: a }) => (
                <tr key={a.id}>
                  <th scope="row">{a.cycle} <StatusBadge status={a.status} /></th>
                  <td><button type="button" className="button-link" onClick={() => get(`/exports/assessments/${a.id}/report.html`, `waymark-${a.cycle}-report.html`, true)}>Open to print<span className="visually-hidden"> the {a.cycle} report</span></button></td>
                  <td><button type="button" className="button-link" onClick={() => get(`/exports/assessments/${a.id}/report.pdf`, `waymark-${a.cycle}-report.pdf`)}>Download PDF<span className="visually-hidden"> of the {a.cycle} report</span></button></td>
                  <td><button type="button" className="button-link" onClick={() => get(`/exports/assessments/${a.id}/plan.csv`, `waymark-${a.cycle}-plan.csv`)}>Download CSV<span className="visually-hidden"> of the {a.cycle} plan</span></button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>All your data</h2>
      <p><button type="button" className="button" onClick={() => get('/exports/organisation.json', 'waymark-organisation.json')}>Download everything (JSON)</button></p>
      {tables.length ? (
        <ul className="columns">
          {tables.map((t) => (
            <li key={t}><button type="button" className="button-link" onClick={() => get(`/exports/tables/${t}.csv`, `${t}.csv`)}>{t}.csv</button></li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
