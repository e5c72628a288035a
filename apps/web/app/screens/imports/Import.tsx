import { type FormEvent, useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { IMPORT_FILE_BYTES } from '@waymark/domain/limits';
import { graphql } from '../../gql';
import type { ImportLayoutColumnsQuery, ImportReportFieldsFragment } from '../../gql/graphql';
import { DownloadError, download } from '../../api/download';
import { type ApiProblem, problemOf } from '../../api/errors';
import { useOrganisation } from '../../layout/organisation';
import { useFormat } from '../../i18n/format';
import { runtimeKey } from '../../i18n/i18n';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { SelectField } from '../../ui/Field';
import { Loading, Page, ReadOnlyNote } from '../../ui/Page';
import { TableFrame } from '../../ui/TableFrame';
import { IMPORT_SPECS, type ImportKindName, canImport, isImportKind } from './kinds';
import { type RowError, fileSentence, readAsBase64, rowErrorsOf } from './file';
import { NotFound } from '../NotFound';

graphql(`
  fragment ImportReportFields on ImportReport {
    kind fileName format dryRun saved rowCount added changed unchanged columnsRead columnsIgnored errorRows
    rows { row action id label changes { column before after } }
    errors { row column code message }
  }
`);
const ImportPartners = graphql(`
  mutation ImportPartners($input: ImportInput!) { importPartners(input: $input) { ...ImportReportFields } }
`);
const ImportEvidence = graphql(`
  mutation ImportEvidence($input: ImportInput!) { importEvidence(input: $input) { ...ImportReportFields } }
`);
const ImportAnswers = graphql(`
  mutation ImportAnswers($input: AssessmentImportInput!) { importAnswers(input: $input) { ...ImportReportFields } }
`);
const ImportActionItems = graphql(`
  mutation ImportActionItems($input: AssessmentImportInput!) { importActionItems(input: $input) { ...ImportReportFields } }
`);
const ImportLayoutColumns = graphql(`
  query ImportLayoutColumns($kind: ImportKind!) {
    importLayout(kind: $kind) { keyColumn columns { name required blankAllowed type allowedValues description example } ignoredColumns }
  }
`);
const ImportAssessments = graphql(`
  query ImportAssessments { assessments(first: 50) { edges { node { id cycle status } } } }
`);

type Report = ImportReportFieldsFragment;
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Chosen {
  name: string;
  contentBase64: string;
}

type Outcome = { report: Report } | { problem: ApiProblem };

/**
 * What a saved import changes, for urql's document cache: an import answers with its report, not
 * the rows, so the screens that list them are told to fetch again.
 */
const CHANGES: Record<ImportKindName, string[]> = {
  partners: ['Partner', 'PartnerConnection'],
  evidence: ['Evidence', 'EvidenceConnection'],
  answers: ['ConsensusAnswer', 'Assessment'],
  plan: ['ActionItem', 'ActionItemConnection'],
};

/** Where each kind's data is worked on, to go back to after an import. */
const backPath = (orgId: string, kind: ImportKindName, assessmentId: string | null) =>
  ({
    partners: `/o/${orgId}/partners`,
    evidence: `/o/${orgId}/evidence`,
    answers: `/o/${orgId}/assessments/${assessmentId ?? ''}/team`,
    plan: `/o/${orgId}/plan${assessmentId ? `?assessment=${assessmentId}` : ''}`,
  })[kind];

/**
 * Importing a spreadsheet in the layout of its export: choose the file, see what it would do (a
 * dry run: rows to add, to change column by column, unchanged, and every row error as the API
 * words it), then import those rows, all or none.
 */
export default function Import() {
  const { kind = '' } = useParams();
  if (!isImportKind(kind)) return <NotFound />;
  return <ImportScreen key={kind} kind={kind} />;
}

function ImportScreen({ kind }: { kind: ImportKindName }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  const client = useClient();
  const spec = IMPORT_SPECS[kind];
  const [search] = useSearchParams();
  const [assessments] = useQuery({ query: ImportAssessments, pause: !spec.perAssessment });
  const choices = (assessments.data?.assessments.edges ?? []).map((e) => e.node).filter((a) => kind !== 'answers' || a.status !== 'SUBMITTED');
  const [picked, setPicked] = useState<string | null>(search.get('assessment'));
  const assessmentId = spec.perAssessment ? (choices.find((a) => a.id === picked)?.id ?? choices[0]?.id ?? null) : null;
  const [file, setFile] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [check, setCheck] = useState<Outcome | null>(null);
  const [result, setResult] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const inputId = useId();
  const allowed = canImport(org, kind);
  const title = t(`imports.${kind}.title`);

  const send = async (chosen: Chosen, dryRun: boolean): Promise<Outcome> => {
    const upload = { name: chosen.name, contentBase64: chosen.contentBase64 };
    const context = dryRun ? {} : { additionalTypenames: CHANGES[kind] };
    const answer =
      kind === 'partners' ? await client.mutation(ImportPartners, { input: { file: upload, dryRun } }, context).toPromise().then((r) => ({ error: r.error, report: r.data?.importPartners }))
      : kind === 'evidence' ? await client.mutation(ImportEvidence, { input: { file: upload, dryRun } }, context).toPromise().then((r) => ({ error: r.error, report: r.data?.importEvidence }))
      : kind === 'answers' ? await client.mutation(ImportAnswers, { input: { file: upload, dryRun, assessmentId: assessmentId ?? '' } }, context).toPromise().then((r) => ({ error: r.error, report: r.data?.importAnswers }))
      : await client.mutation(ImportActionItems, { input: { file: upload, dryRun, assessmentId: assessmentId ?? '' } }, context).toPromise().then((r) => ({ error: r.error, report: r.data?.importActionItems }));
    if (answer.report) return { report: answer.report };
    return { problem: problemOf(answer.error) ?? { code: 'INTERNAL_SERVER_ERROR', message: '', extensions: {} } };
  };

  const choose = async (chosen: File | undefined) => {
    setFile(null);
    setCheck(null);
    setResult(null);
    setFileError(null);
    if (!chosen) return;
    if (!/\.(csv|xlsx)$/i.test(chosen.name)) return setFileError(t('imports.file.notSpreadsheet', { name: chosen.name }));
    if (chosen.size > IMPORT_FILE_BYTES) return setFileError(t('imports.file.tooLarge', { name: chosen.name, limit: IMPORT_FILE_BYTES / 1024 }));
    if (chosen.size === 0) return setFileError(t('imports.file.empty', { name: chosen.name }));
    setFile({ name: chosen.name, contentBase64: await readAsBase64(chosen) });
  };

  const runCheck = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    if (!file) return setFileError(fileError ?? t('imports.file.none'));
    setBusy('check');
    setCheck(await send(file, true));
    setBusy(null);
  };

  const runImport = async () => {
    if (!file) return;
    setBusy('import');
    const outcome = await send(file, false);
    setResult(outcome);
    // Saved or refused, the check is spent: what happened is said instead, and a refused file is checked again once fixed.
    setCheck(null);
    setBusy(null);
  };

  if (!allowed) {
    return (
      <Page title={title}>
        <ReadOnlyNote>{t('imports.notAllowed', { role: t(runtimeKey(`roleLower.${org.role}`)) })}</ReadOnlyNote>
      </Page>
    );
  }
  if (spec.perAssessment && !assessments.data) {
    return <Page title={title}>{assessments.fetching ? <Loading /> : <ProblemAlert problem={problemOf(assessments.error)} />}</Page>;
  }
  const checked = check && 'report' in check ? check.report : null;
  const toSave = checked ? checked.added + checked.changed : 0;

  return (
    <Page
      title={title}
      intro={<p>{t(`imports.${kind}.intro`)}</p>}
      actions={spec.perAssessment && !assessmentId ? null : <Link className="button button-secondary" to={backPath(org.id, kind, assessmentId)}>{t(`imports.${kind}.back`)}</Link>}
    >
      {spec.perAssessment && choices.length === 0 ? (
        <Alert tone="info">{t(`imports.${kind}.noAssessment`)}</Alert>
      ) : (
        <>
          <Layout kind={kind} assessmentId={assessmentId} />
          <form noValidate className="card" onSubmit={(e) => void runCheck(e)} aria-busy={busy === 'check'}>
            <h2>{t('imports.form.heading')}</h2>
            {spec.perAssessment ? (
              <SelectField label={t('imports.form.assessment')} value={assessmentId ?? ''} onChange={(e) => { setPicked(e.target.value); setCheck(null); setResult(null); }}>
                {choices.map((a) => <option key={a.id} value={a.id}>{t('imports.form.cycle', { cycle: a.cycle })}</option>)}
              </SelectField>
            ) : null}
            <div className={`field${fileError ? ' field-error' : ''}`}>
              <label htmlFor={inputId}>{t('imports.form.file')}</label>
              <p className="hint" id={`${inputId}-hint`}>{t('imports.form.fileHint', { limit: IMPORT_FILE_BYTES / 1024 })}</p>
              {fileError ? <p className="error-text" id={`${inputId}-error`}>{fileError}</p> : null}
              <input
                id={inputId}
                type="file"
                accept={ACCEPT}
                aria-describedby={[`${inputId}-hint`, fileError ? `${inputId}-error` : null].filter(Boolean).join(' ')}
                aria-invalid={fileError ? true : undefined}
                onChange={(e) => void choose(e.target.files?.[0])}
              />
            </div>
            <button type="submit" className="button" disabled={busy !== null}>{busy === 'check' ? t('imports.form.checking') : t('imports.form.check')}</button>
          </form>
        </>
      )}
      <div aria-live="polite">
        {check ? ('report' in check ? <CheckReport report={check.report} /> : <ImportProblem kind={kind} problem={check.problem} fileName={file?.name ?? ''} />) : null}
        {checked && checked.errorRows === 0 ? (
          toSave > 0 ? (
            <p><button type="button" className="button" disabled={busy !== null} onClick={() => void runImport()}>{busy === 'import' ? t('imports.saving') : t('imports.importRows', { count: toSave })}</button></p>
          ) : (
            <Alert tone="info">{t('imports.nothingToDo', { name: checked.fileName })}</Alert>
          )
        ) : null}
        {result ? ('report' in result ? <Saved kind={kind} report={result.report} back={backPath(org.id, kind, assessmentId)} /> : <ImportProblem kind={kind} problem={result.problem} fileName={file?.name ?? ''} saving />) : null}
      </div>
    </Page>
  );
}

/** The layout the file must have: its columns, and the export to start from. */
function Layout({ kind, assessmentId }: { kind: ImportKindName; assessmentId: string | null }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  const spec = IMPORT_SPECS[kind];
  const [layout] = useQuery({ query: ImportLayoutColumns, variables: { kind: spec.apiKind } });
  const [failure, setFailure] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const template = (ext: 'csv' | 'xlsx') => `${spec.template.path.replace('{id}', assessmentId ?? '')}.${ext}`;
  const get = (ext: 'csv' | 'xlsx') => {
    setFailure(null);
    setDone(null);
    download(template(ext), org.id)
      .then((name) => setDone(t('imports.layout.downloaded', { name })))
      .catch((e: unknown) => setFailure(e instanceof DownloadError ? e.problem : { code: 'NETWORK', message: String(e), extensions: {} }));
  };
  const canDownload = org.can(spec.template.permission) && (!spec.perAssessment || assessmentId);
  return (
    <section aria-labelledby="import-layout">
      <h2 id="import-layout">{t('imports.layout.heading')}</h2>
      <p>{t(`imports.${kind}.layout`)}</p>
      {layout.data ? (
        <Columns layout={layout.data.importLayout} />
      ) : layout.fetching ? <Loading /> : <ProblemAlert problem={problemOf(layout.error)} />}
      {canDownload ? (
        <>
          <p>{t('imports.layout.template')}</p>
          <p className="buttons">
            <button type="button" className="button button-secondary" onClick={() => get('csv')}>{t(`imports.${kind}.templateCsv`)}</button>
            <button type="button" className="button button-secondary" onClick={() => get('xlsx')}>{t(`imports.${kind}.templateXlsx`)}</button>
          </p>
        </>
      ) : (
        <p>{t('imports.layout.askForTemplate')}</p>
      )}
      <div aria-live="polite">
        {failure ? <ProblemAlert problem={failure} /> : null}
        {done ? <Alert tone="success">{done}</Alert> : null}
      </div>
    </section>
  );
}

type LayoutColumn = ImportLayoutColumnsQuery['importLayout']['columns'][number];

/** Whether the file needs a column, and whether its cells may be blank: the words' key. */
function needKey(column: LayoutColumn) {
  if (column.required) return column.blankAllowed ? 'imports.layout.need.requiredBlank' : 'imports.layout.need.required';
  return column.blankAllowed ? 'imports.layout.need.optional' : 'imports.layout.need.optionalNotBlank';
}

/**
 * The columns of the layout as the API publishes them (the very layout it reads files with): each
 * with whether it is needed, what it holds and an example; then the export's columns it ignores.
 */
function Columns({ layout }: { layout: ImportLayoutColumnsQuery['importLayout'] }) {
  const { t } = useTranslation();
  const codes = (values: readonly string[]) => values.map((v, i) => <span key={v}>{i ? ', ' : ''}<code>{v}</code></span>);
  return (
    <>
      <TableFrame label={t('imports.layout.caption')}>
        <table className="import-layout">
          <caption>{t('imports.layout.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.layout.col.name')}</th>
              <th scope="col">{t('imports.layout.col.need')}</th>
              <th scope="col">{t('imports.layout.col.holds')}</th>
              <th scope="col">{t('imports.layout.col.example')}</th>
            </tr>
          </thead>
          <tbody>
            {layout.columns.map((c) => (
              <tr key={c.name}>
                <th scope="row"><code translate="no">{c.name}</code></th>
                <td>{t(needKey(c))}</td>
                <td>
                  <span translate="no">{c.description}</span>
                  {c.allowedValues.length ? <> {t('imports.layout.values')} <span translate="no">{codes(c.allowedValues)}</span></> : null}
                </td>
                <td><code translate="no">{c.example}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      {layout.ignoredColumns.length ? (
        <p>{t('imports.layout.ignored')} <span translate="no">{codes(layout.ignoredColumns)}</span></p>
      ) : null}
    </>
  );
}

/** A dry run's report in words: the counts, every row error, and what each row would change. */
function CheckReport({ report }: { report: Report }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const listed = report.rows.filter((r) => r.action !== 'UNCHANGED');
  return (
    <section className="card" aria-labelledby="import-check">
      <h2 id="import-check">{t('imports.check.heading', { name: report.fileName })}</h2>
      <ul className="plain-list">
        <li>{t('imports.check.rows', { count: report.rowCount })}</li>
        <li>{t('imports.check.added', { count: report.added })}</li>
        <li>{t('imports.check.changed', { count: report.changed })}</li>
        <li>{t('imports.check.unchanged', { count: report.unchanged })}</li>
        {report.errorRows ? <li><strong>{t('imports.check.errorRows', { count: report.errorRows })}</strong></li> : null}
      </ul>
      {report.columnsIgnored.length ? (
        <p className="muted small">{t('imports.check.ignored')} <span translate="no">{report.columnsIgnored.join(', ')}</span></p>
      ) : null}
      {report.errorRows ? <RowErrors errors={report.errors} total={report.errorRows} fileName={report.fileName} /> : null}
      {listed.length ? (
        <TableFrame label={t('imports.check.caption', { name: report.fileName })}>
          <table>
            <caption>{t('imports.check.caption', { name: report.fileName })}</caption>
            <thead><tr><th scope="col" className="num">{t('imports.check.col.row')}</th><th scope="col">{t('imports.check.col.what')}</th><th scope="col">{t('imports.check.col.action')}</th><th scope="col">{t('imports.check.col.changes')}</th></tr></thead>
            <tbody>
              {listed.map((r) => (
                <tr key={r.row}>
                  <td className="num">{fmt.count(r.row)}</td>
                  <th scope="row"><span translate="no">{r.label}</span></th>
                  <td>{t(runtimeKey(`imports.action.${r.action}`))}</td>
                  <td>
                    {r.action === 'ADD' && !r.changes.length ? t('imports.check.newRow') : (
                      <ul className="plain-list">
                        {r.changes.map((c) => (
                          <li key={c.column}>
                            <code translate="no">{c.column}</code>{': '}
                            <Value value={c.before} /> <span aria-hidden="true">→</span><span className="visually-hidden">{t('imports.check.becomes')}</span> <Value value={c.after} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      ) : null}
    </section>
  );
}

function Value({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  return value === null || value === undefined || value === '' ? <em>{t('imports.check.empty')}</em> : <span className="user-text" translate="no">“{value}”</span>;
}

/** Every row error, as the API words it (row, column, what is wrong), tied to the file. */
function RowErrors({ errors, total, fileName }: { errors: readonly RowError[]; total: number; fileName: string }) {
  const { t } = useTranslation();
  return (
    <Alert tone="error" title={t('imports.errors.title', { count: total, name: fileName })}>
      <p>{t('imports.errors.fix')}</p>
      <ul className="plain-list import-errors">
        {errors.map((e, i) => <li key={`${e.row}-${e.column ?? ''}-${i}`}>{e.message}</li>)}
      </ul>
      {errors.length < total ? <p>{t('imports.errors.more', { count: total - errors.length })}</p> : null}
    </Alert>
  );
}

/** A refusal of the whole import: its rows' errors when it has them, the file's problem, or the API's refusal in words. */
function ImportProblem({ kind, problem, fileName, saving = false }: { kind: ImportKindName; problem: ApiProblem; fileName: string; saving?: boolean }) {
  const { t } = useTranslation();
  const rows = rowErrorsOf(problem);
  const nothing = saving ? <p>{t('imports.nothingSaved')}</p> : null;
  if (rows.length) {
    const total = typeof problem.extensions.errorRows === 'number' ? problem.extensions.errorRows : rows.length;
    return <>{nothing}<RowErrors errors={rows} total={total} fileName={fileName} /></>;
  }
  const sentence = fileSentence(problem);
  if (sentence) return <Alert tone="error" title={t('imports.errors.file', { name: fileName })}>{saving ? <p>{t('imports.nothingSaved')}</p> : null}<p>{sentence}</p></Alert>;
  if (kind === 'plan' && problem.code === 'CONFLICT' && !problem.reason) return <Alert tone="error" title={t('errors.title.CONFLICT')}>{t('imports.plan.noPlan')}</Alert>;
  return <>{nothing}<ProblemAlert problem={problem} /></>;
}

/** What was saved, in words, and the way back to the data. */
function Saved({ kind, report, back }: { kind: ImportKindName; report: Report; back: string }) {
  const { t } = useTranslation();
  return (
    <Alert tone="success" title={t('imports.saved.title', { name: report.fileName })}>
      <p>{t('imports.saved.counts', { added: t('imports.saved.added', { count: report.added }), changed: t('imports.saved.changed', { count: report.changed }), unchanged: t('imports.saved.unchanged', { count: report.unchanged }) })}</p>
      <p><Link to={back}>{t(`imports.${kind}.see`)}</Link></p>
    </Alert>
  );
}
