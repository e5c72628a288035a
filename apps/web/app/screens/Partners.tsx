import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '@waymark/domain/limits';
import { graphql } from '../gql';
import { fieldMessage, placedBeside, problemOf } from '../api/errors';
import { useOrganisation } from '../layout/organisation';
import { useFormat } from '../i18n/format';
import { runtimeKey } from '../i18n/i18n';
import { Alert, ProblemAlert } from '../ui/Alert';
import { StatusBadge } from '../ui/Badge';
import { DateField, SelectField, TextArea, TextField } from '../ui/Field';
import { Loading, Page, ReadOnlyNote } from '../ui/Page';
import { TableFrame } from '../ui/TableFrame';
import type { PartnerType } from '../gql/graphql';
import { ImportLink } from './imports/ImportLink';

const Register = graphql(`
  query Partners {
    partners(first: 100) {
      totalCount
      edges { node { id name partnerType contactName contactEmail theyBring weBring status startDate nextReviewOn reviewIntervalDays links { nodeKey } } }
    }
  }
`);
const CreatePartner = graphql(`
  mutation CreatePartner($input: CreatePartnerInput!) { createPartner(input: $input) { id name } }
`);
const ReviewPartner = graphql(`
  mutation ReviewPartner($id: ID!) { reviewPartner(id: $id) { id nextReviewOn updatedAt } }
`);

const TYPES: PartnerType[] = ['INFORMAL_LEARNING_INSTITUTION', 'INDIVIDUAL_BUSINESS_OR_COMMUNITY_GROUP', 'YOUTH_SERVING_ORGANISATION', 'SCHOOL_OR_UNIVERSITY', 'OTHER'];

export default function Partners() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const fmt = useFormat();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Register });
  const [reviewed, review] = useMutation(ReviewPartner);
  const canWrite = org.can('partners:write');
  return (
    <Page title={t('partners.title')} intro={<p>{t('partners.intro')}</p>} actions={<ImportLink kind="partners" />}>
      {!canWrite ? <ReadOnlyNote>{t('partners.readOnly', { role: t(runtimeKey(`roleLower.${org.role}`)) })}</ReadOnlyNote> : null}
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : (
        <TableFrame label={t('partners.caption', { count: data.partners.totalCount })} className="table-first-wide">
          <table>
            <caption>{t('partners.caption', { count: data.partners.totalCount })}</caption>
            <thead><tr><th scope="col">{t('partners.col.partner')}</th><th scope="col">{t('partners.col.type')}</th><th scope="col">{t('partners.col.contact')}</th><th scope="col">{t('partners.col.bring')}</th><th scope="col">{t('partners.col.status')}</th><th scope="col">{t('partners.col.review')}</th>{canWrite ? <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th> : null}</tr></thead>
            <tbody>
              {data.partners.edges.map(({ node: p }) => (
                <tr key={p.id}>
                  <th scope="row"><span translate="no">{p.name}</span>{p.startDate ? <div className="muted small">{t('partners.since', { date: fmt.date(p.startDate) })}</div> : null}</th>
                  <td>{t(runtimeKey(`partnerType.${p.partnerType}`))}</td>
                  <td className="user-text"><span translate="no">{p.contactName ?? t('common.dash')}</span>{p.contactEmail ? <div className="small" translate="no">{p.contactEmail}</div> : null}</td>
                  <td className="user-text"><div translate="no">{p.theyBring ?? t('common.dash')}</div><div className="muted" translate="no">{p.weBring ?? ''}</div></td>
                  <td><StatusBadge kind="partner" status={p.status} /></td>
                  <td>{fmt.date(p.nextReviewOn)}{p.nextReviewOn && p.nextReviewOn < fmt.today() ? <strong className="flag"> {t('partners.overdue')}</strong> : null}</td>
                  {canWrite ? (
                    <td>{p.status !== 'ENDED' ? <button type="button" className="button-link" onClick={() => void review({ id: p.id })}>{t('partners.review')}<span className="visually-hidden"> {t('partners.reviewOf', { name: p.name })}</span></button> : null}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      )}
      {reviewed.data && !reviewed.fetching ? <Alert tone="success">{t('partners.reviewed', { date: fmt.date(reviewed.data.reviewPartner.nextReviewOn) })}</Alert> : null}
      <ProblemAlert problem={problemOf(reviewed.error)} />
      {canWrite ? <AddPartner onAdded={() => refresh({ requestPolicy: 'network-only' })} /> : null}
    </Page>
  );
}

function AddPartner({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const empty = { name: '', partnerType: 'OTHER' as PartnerType, contactName: '', contactEmail: '', theyBring: '', weBring: '', startDate: '' as string | null, nextReviewOn: '' as string | null };
  const [form, setForm] = useState(empty);
  const [result, create] = useMutation(CreatePartner);
  const problem = problemOf(result.error);
  const fieldError = (field: string) => fieldMessage(problem, field);
  const set = (name: 'name' | 'partnerType' | 'contactName' | 'contactEmail' | 'theyBring' | 'weBring') => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  return (
    <form
      noValidate
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        if (form.startDate === null || form.nextReviewOn === null) return;
        const blank = (v: string) => v || null;
        const input = { ...form, contactName: blank(form.contactName), contactEmail: blank(form.contactEmail), theyBring: blank(form.theyBring), weBring: blank(form.weBring), startDate: blank(form.startDate), nextReviewOn: blank(form.nextReviewOn) };
        void create({ input }).then((r) => {
          if (!r.data) return;
          setForm(empty);
          onAdded();
        });
      }}
    >
      <h2>{t('partners.add.heading')}</h2>
      <TextField label={t('partners.add.name')} value={form.name} onChange={set('name')} required limit={TEXT_LIMITS.name} error={fieldError('name')} />
      <SelectField label={t('partners.add.type')} value={form.partnerType} onChange={set('partnerType')}>
        {TYPES.map((type) => <option key={type} value={type}>{t(runtimeKey(`partnerType.${type}`))}</option>)}
      </SelectField>
      <TextField label={t('partners.add.contactName')} value={form.contactName} onChange={set('contactName')} limit={TEXT_LIMITS.name} error={fieldError('contactName')} />
      <TextField label={t('partners.add.contactEmail')} type="email" value={form.contactEmail} onChange={set('contactEmail')} error={fieldError('contactEmail')} />
      <TextArea label={t('partners.add.theyBring')} value={form.theyBring} onChange={set('theyBring')} limit={TEXT_LIMITS.note} error={fieldError('theyBring')} />
      <TextArea label={t('partners.add.weBring')} value={form.weBring} onChange={set('weBring')} limit={TEXT_LIMITS.note} error={fieldError('weBring')} />
      <DateField label={t('partners.add.started')} value={form.startDate ?? ''} onChange={(startDate) => setForm({ ...form, startDate })} error={fieldError('startDate')} />
      <DateField label={t('partners.add.nextReview')} value={form.nextReviewOn ?? ''} min={fmt.today()} onChange={(nextReviewOn) => setForm({ ...form, nextReviewOn })} error={fieldError('nextReviewOn')} />
      <button type="submit" className="button" disabled={result.fetching}>{t('partners.add.submit')}</button>
      {result.data && !result.fetching ? <Alert tone="success">{t('partners.add.added', { name: result.data.createPartner.name })}</Alert> : null}
      {placedBeside(problem, ['name', 'contactName', 'contactEmail', 'theyBring', 'weBring', 'startDate', 'nextReviewOn']) ? null : <ProblemAlert problem={problem} />}
    </form>
  );
}
