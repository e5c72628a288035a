import type { EvidenceValue, PracticeValue } from '../../scoring';
import type { PlanAnswers, PlanElement } from '../types';

/** Element 3.1 of the bundled framework, word for word, with one guidance link for the worked examples. */
export const element31: PlanElement = {
  key: '3.1',
  text: 'Do you identify suitable partners and evaluate the benefits of working in partnership to support learning?',
  actions: [
    {
      key: '3.1.1',
      text: 'Do you actively look for partners when developing new initiatives and find ways to build on and use the skills and experiences of others?',
      // Only this action has Waymark's plain words here: the others show how a framework without them is worded.
      todo: 'Look for partners whenever you plan something new, and build on the skills and experience they bring.',
      parts: [
        { key: '3.1.1.a', text: 'actively look for partners' },
        { key: '3.1.1.b', text: 'Find ways to build on their skills and experiences' },
      ],
      footnotes: [],
      guidance: [
        {
          guidanceKey: 'informal-learning-institutions/outreach-staff',
          title: 'Outreach staff',
          reason: 'An outreach contact is a good first partner to look for',
        },
      ],
    },
    {
      key: '3.1.2',
      text: 'Do you encourage partners to become advocates for your work and to help create a bridge for extending on-site and off-site services?',
      parts: [
        { key: '3.1.2.a', text: 'Advocates' },
        { key: '3.1.2.b', text: 'On-site services' },
        { key: '3.1.2.c', text: 'Off-site services' },
      ],
      footnotes: [],
      guidance: [],
    },
    {
      key: '3.1.3',
      text: 'Do you regularly review and evaluate your working arrangements and their ongoing relevance in respect of partnerships and projects?',
      parts: [],
      footnotes: [],
      guidance: [],
    },
  ],
  prompts: [
    { key: '3.1.g1.1', groupLabel: 'Have you:', text: 'identified a range of partners with whom you might work effectively' },
    { key: '3.1.g1.2', groupLabel: 'Have you:', text: 'identified how the work of partner organisations adds value to your own work' },
    { key: '3.1.g1.3', groupLabel: 'Have you:', text: 'promoted the benefits users derive from partnership working' },
    {
      key: '3.1.g2.1',
      groupLabel: 'Do you know whether staff:',
      text: 'can describe the benefits of partnership working in developing their own skills, awareness and knowledge',
    },
  ],
};

/** Element 3.2 of the bundled framework (trimmed to what the examples need), with its footnote. */
export const element32: PlanElement = {
  key: '3.2',
  text: 'Do you work with partners to plan and develop learning opportunities?',
  actions: [
    {
      key: '3.2.3',
      text: "Do you use your skills, resources and collections to add value to others' learning initiatives?",
      parts: [],
      footnotes: [
        {
          number: 1,
          text: 'Such as reminiscence groups, after school clubs, social rehabilitation programmes, health trusts, training agencies.',
        },
      ],
      guidance: [],
    },
  ],
  prompts: [{ key: '3.2.g1.1', groupLabel: 'Have you:', text: 'secured additional funding for partnership working' }],
};

export function planAnswers(
  practice: Record<string, PracticeValue>,
  evidence: Record<string, EvidenceValue> = {},
  flagged: readonly string[] = [],
  notes: Record<string, string | null> = {},
): PlanAnswers {
  return {
    practice: new Map(Object.entries(practice)),
    evidence: new Map(Object.entries(evidence)),
    areaForImprovement: new Map(flagged.map((key) => [key, true])),
    notes: new Map(Object.entries(notes)),
  };
}
