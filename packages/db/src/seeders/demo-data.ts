import { BenchmarkingConsent, Governance, MemberRole, OrganisationKind, SizeBand } from '../entities/enums';
import type { Profile } from './demo-answers';

/** Everything here is fictional. */

export const DEMO_PASSWORD = 'waymark-demo';
export const DEMO_FRAMEWORK = { key: 'inspiring-learning-partnerships', version: '1.0.0' } as const;
export const DEMO_REGION = { code: 'NW', name: 'North West' } as const;
export const DEMO_ELEMENT_WITH_UNSUPPORTED_CLAIM = '3.2';

export interface DemoOrganisation {
  slug: string;
  name: string;
  kind: OrganisationKind;
  sizeBand: SizeBand;
  governance: Governance;
  benchmarkingConsent: BenchmarkingConsent;
}

export interface DemoInstitution extends DemoOrganisation {
  /** Where the institution stood in 2025; 2026 improves on it. */
  profile: Profile;
  /** Partners named in its evidence titles. */
  partners: [string, string];
  /** Its 2026 assessment shows practice claimed without evidence on one element. */
  unsupportedClaim?: boolean;
}

export const REGIONAL_BODY: DemoOrganisation = {
  slug: 'north-west-network',
  name: 'North West Learning Partnerships Network',
  kind: OrganisationKind.REGIONAL_BODY,
  sizeBand: SizeBand.SMALL,
  governance: Governance.CHARITY,
  benchmarkingConsent: BenchmarkingConsent.NONE,
};

export const NORTHFIELD = 'northfield-central-library';

const { LIBRARY, MUSEUM, ARCHIVE, COMBINED } = OrganisationKind;
const { MICRO, SMALL, MEDIUM, LARGE } = SizeBand;
const { NONE, ANONYMOUS, NAMED } = BenchmarkingConsent;

export const INSTITUTIONS: DemoInstitution[] = [
  {
    slug: NORTHFIELD, name: 'Northfield Central Library', kind: LIBRARY, sizeBand: LARGE,
    governance: Governance.LOCAL_AUTHORITY, benchmarkingConsent: NAMED,
    profile: { practice: 0.55, evidence: 0.5 }, partners: ['Northfield Adult Learning Service', 'Northfield College'],
  },
  {
    slug: 'riverside-community-library', name: 'Riverside Community Library', kind: LIBRARY, sizeBand: SMALL,
    governance: Governance.CHARITY, benchmarkingConsent: ANONYMOUS,
    profile: { practice: 0.4, evidence: 0.35 }, partners: ['Riverside Reading Group', 'St Anne\'s Primary School'],
  },
  {
    slug: 'moorgate-village-library', name: 'Moorgate Village Library', kind: LIBRARY, sizeBand: MICRO,
    governance: Governance.LOCAL_AUTHORITY, benchmarkingConsent: NONE,
    profile: { practice: 0.3, evidence: 0.25 }, partners: ['Moorgate Parish Council', 'Moorgate Toddler Group'],
  },
  {
    slug: 'harbourside-maritime-museum', name: 'Harbourside Maritime Museum', kind: MUSEUM, sizeBand: MEDIUM,
    governance: Governance.INDEPENDENT_TRUST, benchmarkingConsent: NAMED,
    profile: { practice: 0.6, evidence: 0.4 }, partners: ['Harbourside Sea Cadets', 'Coastal Communities Trust'],
    unsupportedClaim: true,
  },
  {
    slug: 'pennine-mill-museum', name: 'Pennine Mill Museum', kind: MUSEUM, sizeBand: SMALL,
    governance: Governance.CHARITY, benchmarkingConsent: ANONYMOUS,
    profile: { practice: 0.45, evidence: 0.45 }, partners: ['Pennine Heritage Volunteers', 'Valley U3A'],
  },
  {
    slug: 'fellside-art-gallery', name: 'Fellside Art Gallery and Museum', kind: MUSEUM, sizeBand: LARGE,
    governance: Governance.LOCAL_AUTHORITY, benchmarkingConsent: NAMED,
    profile: { practice: 0.7, evidence: 0.65 }, partners: ['Fellside School of Art', 'Creative Minds Arts on Prescription'],
  },
  {
    slug: 'lunesdale-record-office', name: 'Lunesdale Record Office', kind: ARCHIVE, sizeBand: MEDIUM,
    governance: Governance.LOCAL_AUTHORITY, benchmarkingConsent: ANONYMOUS,
    profile: { practice: 0.5, evidence: 0.55 }, partners: ['Lunesdale Family History Society', 'Lunesdale Sixth Form College'],
  },
  {
    slug: 'irwell-university-special-collections', name: 'Irwell University Special Collections', kind: ARCHIVE,
    sizeBand: SMALL, governance: Governance.UNIVERSITY, benchmarkingConsent: NAMED,
    profile: { practice: 0.65, evidence: 0.6 }, partners: ['Irwell Widening Participation Team', 'Salt Quay Community Centre'],
  },
  {
    slug: 'brackenby-parish-archive', name: 'Brackenby Parish Archive Trust', kind: ARCHIVE, sizeBand: MICRO,
    governance: Governance.INDEPENDENT_TRUST, benchmarkingConsent: NONE,
    profile: { practice: 0.25, evidence: 0.3 }, partners: ['Brackenby Local History Club', 'Brackenby Church of England School'],
  },
  {
    slug: 'ashworth-library-and-museum', name: 'Ashworth Library and Museum', kind: COMBINED, sizeBand: MEDIUM,
    governance: Governance.LOCAL_AUTHORITY, benchmarkingConsent: ANONYMOUS,
    profile: { practice: 0.5, evidence: 0.4 }, partners: ['Ashworth Youth Service', 'Ashworth Carers Network'],
  },
];

export interface DemoPerson {
  email: string;
  name: string;
  role: MemberRole;
  organisationSlug: string;
}

const OWNER_NAMES = [
  'Rachel Ainsworth', 'Dev Patel', 'Hannah Crossley', 'Gareth Lloyd', 'Fiona Marsden',
  'Imran Hussain', 'Beth Kershaw', 'Colin Whitworth', 'Priya Nair',
];

/** Northfield has a full team (one per role); the analyst sits in the regional body; every other institution has an owner. */
export const PEOPLE: DemoPerson[] = [
  { email: 'owner@northfield.example', name: 'Olivia Owens', role: MemberRole.OWNER, organisationSlug: NORTHFIELD },
  { email: 'manager@northfield.example', name: 'Manoj Mehta', role: MemberRole.MANAGER, organisationSlug: NORTHFIELD },
  { email: 'assessor@northfield.example', name: 'Aisha Ahmed', role: MemberRole.ASSESSOR, organisationSlug: NORTHFIELD },
  { email: 'assessor2@northfield.example', name: 'Tom Barker', role: MemberRole.ASSESSOR, organisationSlug: NORTHFIELD },
  { email: 'viewer@northfield.example', name: 'Val Vickers', role: MemberRole.VIEWER, organisationSlug: NORTHFIELD },
  { email: 'analyst@north-west-network.example', name: 'Ana Lister', role: MemberRole.ANALYST, organisationSlug: REGIONAL_BODY.slug },
  ...INSTITUTIONS.filter((institution) => institution.slug !== NORTHFIELD).map((institution, i) => ({
    email: `owner@${institution.slug}.example`,
    name: OWNER_NAMES[i] ?? `Owner of ${institution.name}`,
    role: MemberRole.OWNER,
    organisationSlug: institution.slug,
  })),
];

export interface EvidenceTemplate {
  title: (partners: [string, string]) => string;
  path: string;
  evidenceDate: string;
  expiresOn: string | null;
  /** Prompts it supports, linked where the consensus answer is YES. */
  supports: string[];
}

export const EVIDENCE: EvidenceTemplate[] = [
  {
    title: ([first]) => `Partnership agreement with ${first}`,
    path: 'partnership-agreement',
    evidenceDate: '2024-09-01',
    expiresOn: '2026-08-31',
    supports: ['3.1.g1.1', '3.1.g1.2', '3.2.g1.1'],
  },
  {
    title: ([, second]) => `Partner feedback survey: ${second}`,
    path: 'partner-survey',
    evidenceDate: '2025-02-14',
    expiresOn: null,
    supports: ['3.1.g3.1', '3.1.g3.2', '3.1.g3.3'],
  },
  {
    title: () => 'Annual partnership review minutes',
    path: 'partnership-review-minutes',
    evidenceDate: '2025-11-20',
    expiresOn: '2027-11-30',
    supports: ['3.1.g1.5', '3.1.g1.7', '3.3.g1.1'],
  },
  {
    title: () => 'Staff skills-exchange log',
    path: 'skills-exchange-log',
    evidenceDate: '2026-01-10',
    expiresOn: null,
    supports: ['3.1.g2.1', '3.1.g2.2'],
  },
];

/** Fixed dates, so the demo reads the same whenever it is seeded. */
export const CYCLES = {
  first: { cycle: '2025', createdAt: '2025-01-13T09:30:00Z', submittedAt: '2025-04-28T15:00:00Z', dueOn: '2025-04-30' },
  second: { cycle: '2026', createdAt: '2026-01-12T09:30:00Z', submittedAt: '2026-05-05T15:00:00Z', dueOn: '2026-04-30' },
  northfieldDraft: { createdAt: '2026-09-14T09:00:00Z', dueOn: '2026-12-18' },
} as const;

/**
 * Action plans. Every institution but Northfield generates its 2025 plan a week after submitting,
 * works on it through the year, and carries the open work into 2026 once the 2026 answers are agreed.
 * One institution (the plan story) then revises some of its 2026 answers before submitting and
 * regenerates: one gap closes, one opens, and the owners and notes it had added are still there.
 */
export const PLAN_STORY = 'riverside-community-library';

export const PLAN_DATES = {
  first: '2025-05-06T10:00:00Z',
  second: '2026-04-29T10:00:00Z',
  /** The story: owners and notes added to two items of the 2026 plan... */
  storyEdited: '2026-04-30T14:00:00Z',
  /** ...then agreed answers revised (one gap closed, one opened) and the plan regenerated, before the 2026 submission. */
  storyAnswersChanged: '2026-05-01T11:00:00Z',
  storyRegenerated: '2026-05-01T11:30:00Z',
} as const;

/**
 * Institutions that are in the body's network and share their results, but have no logins in the
 * demo: enough that the analyst sees real figures for the region and each kind, while the
 * combined institutions stay too few to show (a suppressed cohort).
 */
export interface NetworkInstitution extends DemoOrganisation {
  profile: Profile;
}

const networkInstitution = (slug: string, name: string, kind: OrganisationKind, sizeBand: SizeBand, consent: BenchmarkingConsent, practice: number, evidence: number): NetworkInstitution => ({
  slug, name, kind, sizeBand, governance: Governance.LOCAL_AUTHORITY, benchmarkingConsent: consent, profile: { practice, evidence },
});

export const NETWORK_INSTITUTIONS: NetworkInstitution[] = [
  networkInstitution('kirkby-lonsdale-library', 'Kirkby Lonsdale Library', LIBRARY, SMALL, NAMED, 0.5, 0.45),
  networkInstitution('ormskirk-library', 'Ormskirk Library', LIBRARY, MEDIUM, ANONYMOUS, 0.45, 0.4),
  networkInstitution('bolton-central-library', 'Bolton Central Library', LIBRARY, LARGE, NAMED, 0.6, 0.55),
  networkInstitution('wigan-pier-library', 'Wigan Pier Library', LIBRARY, MEDIUM, ANONYMOUS, 0.35, 0.3),
  networkInstitution('clitheroe-library', 'Clitheroe Library', LIBRARY, SMALL, ANONYMOUS, 0.55, 0.5),
  networkInstitution('grasmere-library', 'Grasmere Library', LIBRARY, MICRO, NAMED, 0.3, 0.2),
  networkInstitution('morecambe-bay-museum', 'Morecambe Bay Museum', MUSEUM, MEDIUM, ANONYMOUS, 0.5, 0.35),
  networkInstitution('lancaster-judges-lodgings', 'Lancaster Judges\u2019 Lodgings', MUSEUM, SMALL, NAMED, 0.65, 0.6),
  networkInstitution('burnley-weavers-museum', 'Burnley Weavers\u2019 Museum', MUSEUM, SMALL, ANONYMOUS, 0.4, 0.3),
  networkInstitution('kendal-museum', 'Kendal Museum', MUSEUM, MEDIUM, ANONYMOUS, 0.55, 0.45),
  networkInstitution('salford-quays-gallery', 'Salford Quays Gallery', MUSEUM, LARGE, NAMED, 0.7, 0.7),
  networkInstitution('cumbria-county-archive', 'Cumbria County Archive', ARCHIVE, LARGE, ANONYMOUS, 0.55, 0.6),
  networkInstitution('preston-diocesan-archive', 'Preston Diocesan Archive', ARCHIVE, SMALL, ANONYMOUS, 0.35, 0.4),
  networkInstitution('rochdale-local-studies', 'Rochdale Local Studies', ARCHIVE, MICRO, NAMED, 0.45, 0.5),
  networkInstitution('keswick-library-and-museum', 'Keswick Library and Museum', COMBINED, SMALL, ANONYMOUS, 0.5, 0.45),
  networkInstitution('barrow-dock-library-and-museum', 'Barrow Dock Library and Museum', COMBINED, MEDIUM, NAMED, 0.4, 0.35),
];

/** The body's network, and who is where in it: everyone is a member but one institution still invited and one that declined. */
export const DEMO_NETWORK = {
  name: 'North West Learning Partnerships',
  invited: 'ashworth-library-and-museum',
  declined: 'brackenby-parish-archive',
} as const;
