import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { fieldMessage, problemOf } from '../api/errors';
import { useOrganisation } from '../layout/organisation';
import { Alert, ProblemAlert } from '../ui/Alert';
import { StatusBadge } from '../ui/Badge';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { Loading, Page } from '../ui/Page';
import { formatDate, humanise, today } from '../ui/format';
import type { PartnerType } from '../gql/graphql';

const Register = graphql(`
  query Partners {
    partners(page: { first: 100 }) {
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
  const org = useOrganisation();
  const [{ data, error, fetching }, refresh] = useQuery({ query: Register });
  const [reviewed, review] = useMutation(ReviewPartner);
  const canWrite = org.can('partners:write');
  return (
    <Page title="Partnership register" intro={<p>Who you work with, what each side brings, and when each partnership is next reviewed (element 3.1.3).</p>}>
      {!data ? (fetching ? <Loading /> : <ProblemAlert problem={problemOf(error)} />) : (
        <div className="table-wrap">
          <table>
            <caption>{data.partners.totalCount} partnerships</caption>
            <thead><tr><th scope="col">Partner</th><th scope="col">Type</th><th scope="col">Contact</th><th scope="col">They bring / we bring</th><th scope="col">Status</th><th scope="col">Next review</th>{canWrite ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}</tr></thead>
            <tbody>
              {data.partners.edges.map(({ node: p }) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}{p.startDate ? <div className="muted small">since {formatDate(p.startDate)}</div> : null}</th>
                  <td>{humanise(p.partnerType)}</td>
                  <td>{p.contactName ?? '—'}{p.contactEmail ? <div className="small">{p.contactEmail}</div> : null}</td>
                  <td><div>{p.theyBring ?? '—'}</div><div className="muted">{p.weBring ?? ''}</div></td>
                  <td><StatusBadge status={p.status} /></td>
                  <td>{formatDate(p.nextReviewOn)}{p.nextReviewOn && p.nextReviewOn < today() ? <strong className="flag"> overdue</strong> : null}</td>
                  {canWrite ? (
                    <td>{p.status !== 'ENDED' ? <button type="button" className="button-link" onClick={() => void review({ id: p.id })}>Record a review<span className="visually-hidden"> of {p.name}</span></button> : null}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ProblemAlert problem={problemOf(reviewed.error)} />
      {canWrite ? <AddPartner onAdded={() => refresh({ requestPolicy: 'network-only' })} /> : null}
    </Page>
  );
}

function AddPartner({ onAdded }: { onAdded: () => void }) {
  const empty = { name: '', partnerType: 'OTHER' as PartnerType, contactName: '', contactEmail: '', theyBring: '', weBring: '', startDate: '', nextReviewOn: '' };
  const [form, setForm] = useState(empty);
  const [result, create] = useMutation(CreatePartner);
  const problem = problemOf(result.error);
  const fieldError = (field: string) => fieldMessage(problem, field);
  const set = (name: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        const blank = (v: string) => v || null;
        const input = { ...form, contactName: blank(form.contactName), contactEmail: blank(form.contactEmail), theyBring: blank(form.theyBring), weBring: blank(form.weBring), startDate: blank(form.startDate), nextReviewOn: blank(form.nextReviewOn) };
        void create({ input }).then((r) => {
          if (!r.data) return;
          setForm(empty);
          onAdded();
        });
      }}
    >
      <h2>Add a partnership</h2>
      <TextField label="Partner" value={form.name} onChange={set('name')} required maxLength={200} error={fieldError('name')} />
      <SelectField label="Type of partner" value={form.partnerType} onChange={set('partnerType')}>
        {TYPES.map((t) => <option key={t} value={t}>{humanise(t)}</option>)}
      </SelectField>
      <TextField label="Contact name" value={form.contactName} onChange={set('contactName')} error={fieldError('contactName')} />
      <TextField label="Contact email" type="email" value={form.contactEmail} onChange={set('contactEmail')} error={fieldError('contactEmail')} />
      <TextArea label="What they bring" value={form.theyBring} onChange={set('theyBring')} />
      <TextArea label="What we bring" value={form.weBring} onChange={set('weBring')} />
      <TextField label="Started on" type="date" value={form.startDate} onChange={set('startDate')} error={fieldError('startDate')} />
      <TextField label="Next review on" type="date" min={today()} value={form.nextReviewOn} onChange={set('nextReviewOn')} error={fieldError('nextReviewOn')} />
      <button type="submit" className="button" disabled={result.fetching}>Add to the register</button>
      {result.data && !result.fetching ? <Alert tone="success">Added {result.data.createPartner.name}.</Alert> : null}
      {problem && !problem.field ? <ProblemAlert problem={problem} /> : null}
    </form>
  );
}
