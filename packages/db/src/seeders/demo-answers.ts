import { answerableKeys, type EvidenceValue, mulberry32, type PracticeValue, type ScoringElement } from '@waymark/domain';

/**
 * Pure generation of demo answers. Every draw comes from a PRNG seeded by the institution's slug,
 * so the demo looks the same on every machine and every run (tests and screenshots can rely on it).
 */

export type Random = () => number;

/** mulberry32 seeded by text: small, fast, good enough for demo data; not for anything secret. */
export function seededRandom(seed: string): Random {
  // FNV-1a turns the seed text into 32 bits.
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    state ^= seed.charCodeAt(i);
    state = Math.imul(state, 0x01000193) >>> 0;
  }
  return mulberry32(state);
}

export interface EvidenceDraft {
  value: EvidenceValue;
  areaForImprovement: boolean;
  note: string | null;
}

export interface CycleAnswers {
  practice: Map<string, PracticeValue>;
  evidence: Map<string, EvidenceDraft>;
}

/** How far along an institution is: 0 (nothing in place) to 1 (everything in place and evidenced). */
export interface Profile {
  practice: number;
  evidence: number;
}

const PRACTICE_LADDER: readonly PracticeValue[] = ['NO', 'STARTED', 'YES'];

const NOTES: Record<EvidenceValue, readonly string[]> = {
  YES: [
    'Recorded in the partnership file; see the linked evidence.',
    'Confirmed at the last partners meeting.',
    'Feedback forms collected after each joint session.',
  ],
  NO: [
    'Nothing written down yet; raised at the team meeting.',
    'We ask informally but keep no record.',
    'Planned for next year once the new post is filled.',
  ],
  NOT_APPLICABLE: ['No volunteering programme at present.', 'We have no partners of this kind.'],
};

export const allPracticeKeys = (shape: readonly ScoringElement[]): string[] =>
  shape.flatMap((element) => element.actions.flatMap((action) => answerableKeys(action)));

export const allPromptKeys = (shape: readonly ScoringElement[]): string[] => shape.flatMap((element) => element.promptKeys);

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)] ?? (items[0] as T);

function practiceAt(level: number, random: Random): PracticeValue {
  const u = random();
  const yes = Math.max(0, level - 0.1);
  if (u < yes) return 'YES';
  if (u < yes + 0.35) return 'STARTED';
  return 'NO';
}

function noteFor(value: EvidenceValue, random: Random): string | null {
  return random() < 0.12 ? pick(NOTES[value], random) : null;
}

function evidenceAt(level: number, random: Random): EvidenceDraft {
  const u = random();
  const value: EvidenceValue = u < 0.08 ? 'NOT_APPLICABLE' : random() < level ? 'YES' : 'NO';
  const areaForImprovement = value === 'NO' ? random() < 0.5 : value === 'YES' ? random() < 0.05 : false;
  return { value, areaForImprovement, note: noteFor(value, random) };
}

/** A first cycle: every answerable key and every prompt answered, around the profile's levels. */
export function firstCycle(shape: readonly ScoringElement[], profile: Profile, random: Random): CycleAnswers {
  const practice = new Map<string, PracticeValue>();
  for (const key of allPracticeKeys(shape)) practice.set(key, practiceAt(profile.practice, random));
  const evidence = new Map<string, EvidenceDraft>();
  for (const key of allPromptKeys(shape)) evidence.set(key, evidenceAt(profile.evidence, random));
  return { practice, evidence };
}

/** The next cycle: mostly the same, more steps up than down, so the average improves. */
export function nextCycle(shape: readonly ScoringElement[], previous: CycleAnswers, random: Random): CycleAnswers {
  const practice = new Map<string, PracticeValue>();
  // One slip back at most, and only on a part of a multi-part action (a small dent): a team sometimes
  // finds it was too generous last time, but the demo tells a story of progress.
  const dentable = new Set(shape.flatMap((element) => element.actions.filter((a) => a.partKeys.length > 1).flatMap((a) => a.partKeys)));
  let slipped = false;
  for (const key of allPracticeKeys(shape)) {
    const before = PRACTICE_LADDER.indexOf(previous.practice.get(key) ?? 'NO');
    const u = random();
    const slip: boolean = u > 0.95 && !slipped && dentable.has(key);
    slipped ||= slip;
    const step = u < 0.4 ? 1 : slip ? -1 : 0;
    const after = Math.min(PRACTICE_LADDER.length - 1, Math.max(0, before + step));
    practice.set(key, PRACTICE_LADDER[after] ?? 'NO');
  }
  const evidence = new Map<string, EvidenceDraft>();
  for (const key of allPromptKeys(shape)) {
    const before = previous.evidence.get(key) ?? { value: 'NO', areaForImprovement: false, note: null };
    const u = random();
    let value = before.value;
    if (value === 'NO' && u < 0.4) value = 'YES';
    else if (value === 'YES' && u > 0.96) value = 'NO';
    const areaForImprovement = value === 'NO' ? before.areaForImprovement || random() < 0.3 : false;
    const note = value === before.value ? before.note : noteFor(value, random);
    evidence.set(key, { value, areaForImprovement, note });
  }
  return { practice, evidence };
}

/**
 * Makes one element an "unsupported claim" (practice >= 75 with evidence < 50): every part YES,
 * one prompt YES, the rest NO and marked for improvement.
 */
export function makeUnsupportedClaim(shape: readonly ScoringElement[], answers: CycleAnswers, elementKey: string): void {
  const element = shape.find((candidate) => candidate.key === elementKey);
  if (!element) throw new Error(`demo seed: framework has no element ${elementKey}`);
  for (const action of element.actions) for (const key of answerableKeys(action)) answers.practice.set(key, 'YES');
  element.promptKeys.forEach((key, i) => {
    answers.evidence.set(
      key,
      i === 0
        ? { value: 'YES', areaForImprovement: false, note: null }
        : { value: 'NO', areaForImprovement: true, note: i === 1 ? 'We believe this happens but have nothing to show for it.' : null },
    );
  });
}

const otherPractice = (value: PracticeValue): PracticeValue => (value === 'YES' ? 'STARTED' : value === 'STARTED' ? 'YES' : 'STARTED');
const otherEvidence = (value: EvidenceValue): EvidenceValue => (value === 'YES' ? 'NO' : 'YES');

export interface TeamAnswers {
  /** One map per assessor: nodeKey -> value. */
  first: Map<string, string>;
  second: Map<string, string>;
  disagreements: string[];
}

/**
 * Two assessors who agree with the consensus except on a few keys (two parts and two prompts),
 * where one of them saw it differently and the team settled on the consensus value.
 */
export function teamAnswers(shape: readonly ScoringElement[], consensus: CycleAnswers): TeamAnswers {
  const first = new Map<string, string>();
  const second = new Map<string, string>();
  const agreed: [string, string][] = [
    ...consensus.practice,
    ...[...consensus.evidence].map(([key, draft]): [string, string] => [key, draft.value]),
  ];
  for (const [key, value] of agreed) {
    first.set(key, value);
    second.set(key, value);
  }
  const practiceKeys = allPracticeKeys(shape);
  const promptKeys = allPromptKeys(shape);
  const disagreements = [practiceKeys[1], practiceKeys[4], promptKeys[2], promptKeys[9]].filter(
    (key): key is string => key !== undefined,
  );
  disagreements.forEach((key, i) => {
    const who = i % 2 === 0 ? second : first;
    const practice = consensus.practice.get(key);
    const evidence = consensus.evidence.get(key);
    if (practice) who.set(key, otherPractice(practice));
    else if (evidence) who.set(key, otherEvidence(evidence.value));
  });
  return { first, second, disagreements };
}
