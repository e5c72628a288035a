import type { EntityManager } from '@mikro-orm/postgresql';
import { type Assessment, type ConsensusAnswer, Partner, PartnerLink, PartnerStatus, PartnerType } from '../entities';
import { addDays, localDate } from '@waymark/domain';

/** The partnership registers of the demo institutions. Everything here is fictional. */

export interface DemoPartner {
  name: string;
  type: PartnerType;
  status: PartnerStatus;
  contactName: string;
  /** null for a partnership still being explored. */
  startDate: string | null;
  /**
   * Days from the day of seeding to the next review, so some reviews always fall due in the coming
   * weeks (the reminders find them); null when none is planned (an ended partnership).
   */
  reviewInDays: number | null;
  reviewIntervalDays: number | null;
  theyBring: string;
  weBring: string;
  notes?: string;
}

const { INFORMAL_LEARNING_INSTITUTION: INFORMAL, INDIVIDUAL_BUSINESS_OR_COMMUNITY_GROUP: COMMUNITY, YOUTH_SERVING_ORGANISATION: YOUTH, SCHOOL_OR_UNIVERSITY: SCHOOL, OTHER } =
  PartnerType;
const { PROSPECTIVE, ACTIVE, PAUSED, ENDED } = PartnerStatus;

/**
 * Two to four partners per institution. The first two are the partners its evidence titles name
 * (DemoInstitution.partners), and the ones its 2026 answers on element 3.1 cite.
 */
export const PARTNER_REGISTER: Record<string, DemoPartner[]> = {
  'northfield-central-library': [
    {
      name: 'Northfield Adult Learning Service', type: OTHER, status: ACTIVE, contactName: 'Jo Whitfield', startDate: '2021-09-01',
      reviewInDays: 12, reviewIntervalDays: 180,
      theyBring: 'Tutors and accredited courses for adults returning to learning.',
      weBring: 'Free rooms in the evenings, public computers and library membership at every course.',
    },
    {
      name: 'Northfield College', type: SCHOOL, status: ACTIVE, contactName: 'Dr Samir Khan', startDate: '2019-01-15',
      reviewInDays: 75, reviewIntervalDays: 365,
      theyBring: 'Student placements and a study-skills programme for our learners.',
      weBring: 'Research sessions with the local studies collection.',
    },
    {
      name: 'Northfield Science Discovery Centre', type: INFORMAL, status: PROSPECTIVE, contactName: 'Lena Grant', startDate: null,
      reviewInDays: 26, reviewIntervalDays: 90,
      theyBring: 'Hands-on science kits and explainers for family events.',
      weBring: 'Space and an audience for a Saturday science club.',
      notes: 'First meeting held; a pilot session is being planned.',
    },
  ],
  'riverside-community-library': [
    {
      name: 'Riverside Reading Group', type: COMMUNITY, status: ACTIVE, contactName: 'Margaret Oyelaran', startDate: '2018-03-01',
      reviewInDays: 5, reviewIntervalDays: 90,
      theyBring: 'Volunteer readers and a monthly book chat open to everyone.',
      weBring: 'Reading-group sets, a meeting space and publicity.',
    },
    {
      name: 'St Anne\'s Primary School', type: SCHOOL, status: ACTIVE, contactName: 'Paul Henshaw', startDate: '2022-09-05',
      reviewInDays: 40, reviewIntervalDays: 365,
      theyBring: 'Weekly class visits, planned with the class teachers.',
      weBring: 'Class library cards, the summer reading challenge and storytelling.',
    },
    {
      name: 'Riverside Scouts', type: YOUTH, status: PROSPECTIVE, contactName: 'Kelly Dunn', startDate: null,
      reviewInDays: 19, reviewIntervalDays: 60,
      theyBring: 'Cubs and Scouts working towards their book reader and local knowledge badges.',
      weBring: 'Badge sessions after closing time and a display of their work.',
    },
  ],
  'moorgate-village-library': [
    {
      name: 'Moorgate Parish Council', type: OTHER, status: ACTIVE, contactName: 'Cllr Alan Birtwistle', startDate: '2017-04-01',
      reviewInDays: 28, reviewIntervalDays: 365,
      theyBring: 'A small annual grant and the village hall for larger events.',
      weBring: 'Council notices, a space for surgeries and local history displays.',
    },
    {
      name: 'Moorgate Toddler Group', type: COMMUNITY, status: PAUSED, contactName: 'Emma Tattersall', startDate: '2023-01-10',
      reviewInDays: 60, reviewIntervalDays: 180,
      theyBring: 'Parents and carers of under-fives, and a volunteer for rhyme time.',
      weBring: 'Rhyme time every Tuesday and board books to borrow.',
      notes: 'Paused while the group looks for a new leader.',
    },
  ],
  'harbourside-maritime-museum': [
    {
      name: 'Harbourside Sea Cadets', type: YOUTH, status: ACTIVE, contactName: 'Ray Moss', startDate: '2020-05-01',
      reviewInDays: 9, reviewIntervalDays: 90,
      theyBring: 'Cadets who volunteer as guides on open days.',
      weBring: 'Handling sessions with the navigation collection and a winter meeting space.',
    },
    {
      name: 'Coastal Communities Trust', type: OTHER, status: ACTIVE, contactName: 'Nadia Rahman', startDate: '2021-11-01',
      reviewInDays: 110, reviewIntervalDays: 365,
      theyBring: 'Funding for outreach and links with coastal community groups.',
      weBring: 'Oral history recordings and a travelling exhibition.',
    },
    {
      name: 'Harbourside Aquarium', type: INFORMAL, status: ACTIVE, contactName: 'Chris Pollard', startDate: '2024-03-01',
      reviewInDays: 21, reviewIntervalDays: 180,
      theyBring: 'Marine educators and a joint school-holiday trail.',
      weBring: 'Objects and stories of the fishing fleet for the trail.',
    },
    {
      name: 'Quayside Chandlery', type: COMMUNITY, status: ENDED, contactName: 'Bill Ashcroft', startDate: '2019-06-01',
      reviewInDays: null, reviewIntervalDays: null,
      theyBring: 'Rope and tools for knot-tying workshops.',
      weBring: 'Credit in our workshop leaflets.',
      notes: 'Ended in 2025 when the shop closed; thanked in the annual report.',
    },
  ],
  'pennine-mill-museum': [
    {
      name: 'Pennine Heritage Volunteers', type: COMMUNITY, status: ACTIVE, contactName: 'Derek Holt', startDate: '2016-02-01',
      reviewInDays: 14, reviewIntervalDays: 180,
      theyBring: 'Volunteer demonstrators for the looms and the mill engine.',
      weBring: 'Training, insurance and a volunteers\' room.',
    },
    {
      name: 'Valley U3A', type: COMMUNITY, status: ACTIVE, contactName: 'Sheila Marsh', startDate: '2022-04-01',
      reviewInDays: 95, reviewIntervalDays: 365,
      theyBring: 'A local history study group researching the mill\'s workers.',
      weBring: 'Access to the archive store and a study day each term.',
    },
    {
      name: 'Pennine Moors Visitor Centre', type: INFORMAL, status: PROSPECTIVE, contactName: 'Owen Price', startDate: null,
      reviewInDays: 30, reviewIntervalDays: 90,
      theyBring: 'Rangers and guided walks following the river from moor to mill.',
      weBring: 'A water-power talk for walkers at the end of the route.',
    },
  ],
  'fellside-art-gallery': [
    {
      name: 'Fellside School of Art', type: SCHOOL, status: ACTIVE, contactName: 'Prof. Helen Ward', startDate: '2015-09-01',
      reviewInDays: 45, reviewIntervalDays: 365,
      theyBring: 'Students who run drawing sessions in the galleries.',
      weBring: 'An annual student show and access to the print collection.',
    },
    {
      name: 'Creative Minds Arts on Prescription', type: OTHER, status: ACTIVE, contactName: 'Aaron Blake', startDate: '2023-02-01',
      reviewInDays: 7, reviewIntervalDays: 90,
      theyBring: 'Referrals from GP surgeries and an arts-for-wellbeing facilitator.',
      weBring: 'A quiet studio on Thursday mornings and materials.',
    },
    {
      name: 'Fellside Youth Theatre', type: YOUTH, status: ACTIVE, contactName: 'Mia Castellanos', startDate: '2024-06-01',
      reviewInDays: 24, reviewIntervalDays: 180,
      theyBring: 'Young performers who respond to the collection.',
      weBring: 'A performance space in the main gallery twice a year.',
    },
    {
      name: 'Fellside Botanic Garden', type: INFORMAL, status: PAUSED, contactName: 'Graham Lee', startDate: '2022-05-01',
      reviewInDays: 150, reviewIntervalDays: 365,
      theyBring: 'Plant specimens and a gardener for botanical drawing days.',
      weBring: 'Botanical illustrations from the collection for their signage.',
      notes: 'Paused while the glasshouse is restored.',
    },
  ],
  'lunesdale-record-office': [
    {
      name: 'Lunesdale Family History Society', type: COMMUNITY, status: ACTIVE, contactName: 'Patricia Gaskell', startDate: '2012-10-01',
      reviewInDays: 16, reviewIntervalDays: 180,
      theyBring: 'Volunteers who index the parish registers.',
      weBring: 'The search room on Saturdays and copies at cost.',
    },
    {
      name: 'Lunesdale Sixth Form College', type: SCHOOL, status: ACTIVE, contactName: 'Ben Okafor', startDate: '2021-09-01',
      reviewInDays: 63, reviewIntervalDays: 365,
      theyBring: 'History students doing extended projects on local records.',
      weBring: 'Workshops on reading old handwriting, and archive visits.',
    },
    {
      name: 'Lunesdale Young Archivists', type: YOUTH, status: PROSPECTIVE, contactName: 'Rosie Quinn', startDate: null,
      reviewInDays: 11, reviewIntervalDays: 60,
      theyBring: 'A youth club group keen to start a digital archive of their town.',
      weBring: 'Training in cataloguing and a place on our website.',
    },
  ],
  'irwell-university-special-collections': [
    {
      name: 'Irwell Widening Participation Team', type: SCHOOL, status: ACTIVE, contactName: 'Dr Farah Siddiqui', startDate: '2020-01-15',
      reviewInDays: 33, reviewIntervalDays: 365,
      theyBring: 'School groups from areas where few go on to university.',
      weBring: 'Handling sessions with rare books for visiting pupils.',
    },
    {
      name: 'Salt Quay Community Centre', type: COMMUNITY, status: ACTIVE, contactName: 'Winston Clarke', startDate: '2023-05-01',
      reviewInDays: 18, reviewIntervalDays: 180,
      theyBring: 'A community history group and a venue in the neighbourhood.',
      weBring: 'Pop-up exhibitions of the Salt Quay photographs.',
    },
    {
      name: 'Irwell Science and Industry Museum', type: INFORMAL, status: ACTIVE, contactName: 'Alex Morgan', startDate: '2024-09-01',
      reviewInDays: 85, reviewIntervalDays: 365,
      theyBring: 'Joint public talks on the history of science.',
      weBring: 'Loans of scientific manuscripts for display.',
    },
  ],
  'brackenby-parish-archive': [
    {
      name: 'Brackenby Local History Club', type: COMMUNITY, status: ACTIVE, contactName: 'Norman Pickles', startDate: '2014-03-01',
      reviewInDays: 29, reviewIntervalDays: 365,
      theyBring: 'Volunteers, and their own collection of village photographs.',
      weBring: 'Safe storage for the photographs and a shared catalogue.',
    },
    {
      name: 'Brackenby Church of England School', type: SCHOOL, status: ACTIVE, contactName: 'Julie Fenton', startDate: '2019-09-01',
      reviewInDays: 22, reviewIntervalDays: 365,
      theyBring: 'A Year 6 local history project each spring.',
      weBring: 'Copies of the school log books and a visit to the archive.',
    },
    {
      name: 'Brackenby Young Farmers', type: YOUTH, status: ENDED, contactName: 'Tom Capstick', startDate: '2021-03-01',
      reviewInDays: null, reviewIntervalDays: null,
      theyBring: 'Members who recorded memories of farming in the parish.',
      weBring: 'Recording equipment and a home for the recordings.',
      notes: 'Ended in 2025 when the oral history project finished; the recordings are catalogued.',
    },
  ],
  'ashworth-library-and-museum': [
    {
      name: 'Ashworth Youth Service', type: YOUTH, status: ACTIVE, contactName: 'Dean Whittaker', startDate: '2021-04-01',
      reviewInDays: 3, reviewIntervalDays: 90,
      theyBring: 'Youth workers and a summer programme for 13 to 19 year olds.',
      weBring: 'Free space, wifi and a gaming club in the library.',
    },
    {
      name: 'Ashworth Carers Network', type: OTHER, status: ACTIVE, contactName: 'Lorraine Hughes', startDate: '2022-10-01',
      reviewInDays: 52, reviewIntervalDays: 180,
      theyBring: 'Links with carers who rarely get time for themselves.',
      weBring: 'Memory boxes from the museum and a monthly carers\' café.',
    },
    {
      name: 'Ashworth Model Railway Society', type: COMMUNITY, status: PROSPECTIVE, contactName: 'Keith Lomax', startDate: null,
      reviewInDays: 27, reviewIntervalDays: 90,
      theyBring: 'A working layout and enthusiasts to explain it.',
      weBring: 'A place in the local industry gallery for a winter display.',
    },
  ],
};

/**
 * The 3.1 answers each of the first two partners is cited for, where the 2026 answer is "Yes":
 * the partnership-agreement partner for finding partners and the value they add, the surveyed
 * partner for what partners say. When none is "Yes", the partner is cited for 3.1.1.a ("actively
 * look for partners"), which every submitted assessment answers.
 */
const CITED_FOR: readonly (readonly string[])[] = [
  ['3.1.g1.1', '3.1.g1.2', '3.1.1.a', '3.1.1.b'],
  ['3.1.g3.1', '3.1.g3.2', '3.1.g3.3', '3.1.2.a'],
];
const FALLBACK_CITATION = '3.1.1.a';

const slugOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Today's date (YYYY-MM-DD) in the demo's time zone. */
export const todayInLondon = (now = new Date()): string => localDate(now, 'Europe/London');

/** Numbers from the range Ofcom keeps for drama (01632 960000 to 960999): nobody's real number. */
const PHONES = new Map(Object.values(PARTNER_REGISTER).flat().map((def, i) => [def.name, `01632 960${String(100 + i * 7)}`]));
const phoneOf = (def: DemoPartner) => PHONES.get(def.name) ?? null;

/** Partnerships under way went into the register during the 2025 assessment; prospects in June 2026. */
const REGISTER_STARTED = '2025-02-03';
const PROSPECTS_RECORDED = '2026-06-15';
function recordedAt(def: DemoPartner): Date {
  const day = def.startDate === null ? PROSPECTS_RECORDED : def.startDate > REGISTER_STARTED ? def.startDate : REGISTER_STARTED;
  return new Date(`${day}T09:00:00Z`);
}

export interface PartnerContext {
  em: EntityManager;
  organisationId: string;
  createdBy: string;
  /** Today in the organisation's time zone: review dates count from it. */
  today: string;
}

/**
 * Creates an institution's register and cites its first two partners in the agreed 2026 answers
 * on element 3.1 (none when there is no submitted 2026, as at Northfield).
 */
export function addPartners(
  ctx: PartnerContext,
  slug: string,
  cited: { assessment: Assessment; answers: ConsensusAnswer[]; linkedAt: Date } | null,
): Partner[] {
  const register = PARTNER_REGISTER[slug];
  if (!register) throw new Error(`demo seed: no partnership register for ${slug}`);
  const partners = register.map((def) =>
    ctx.em.create(Partner, {
      organisationId: ctx.organisationId,
      name: def.name,
      partnerType: def.type,
      contactName: def.contactName,
      contactEmail: `${slugOf(def.contactName.replace(/^(Dr|Prof\.|Cllr|Mrs?|Ms)\s+/, '')).replace(/-/g, '.')}@${slugOf(def.name)}.example`,
      contactPhone: phoneOf(def),
      theyBring: def.theyBring,
      weBring: def.weBring,
      status: def.status,
      startDate: def.startDate,
      nextReviewOn: def.reviewInDays === null ? null : addDays(ctx.today, def.reviewInDays),
      reviewIntervalDays: def.reviewIntervalDays,
      notes: def.notes ?? null,
      createdBy: ctx.createdBy,
      createdAt: recordedAt(def),
      updatedAt: recordedAt(def),
    }),
  );
  if (!cited) return partners;
  const agreed = new Map(cited.answers.map((a) => [a.nodeKey, a.value]));
  CITED_FOR.forEach((candidates, i) => {
    const partner = partners[i];
    if (!partner) return;
    const yes = candidates.filter((key) => agreed.get(key) === 'YES').slice(0, 2);
    for (const nodeKey of yes.length ? yes : [FALLBACK_CITATION]) {
      ctx.em.create(PartnerLink, {
        organisationId: ctx.organisationId,
        partnerId: partner.id,
        assessmentId: cited.assessment.id,
        nodeKey,
        linkedBy: ctx.createdBy,
        createdAt: cited.linkedAt,
      });
    }
  });
  return partners;
}
