import { z } from 'zod';
import { semver, slug } from './common';
import { scoringShape, type LoadedFramework } from './framework';
import { isNodeKey } from './keys';
import { parseYamlWith } from './yaml-input';

/**
 * Old key -> new key between two versions of one framework; null means the node was retired, and a
 * list of keys means it was split (each new node starts from the old one's answer).
 */
export interface Crosswalk {
  framework: string;
  from: string;
  to: string;
  map: Record<string, CrosswalkTarget>;
}

export type CrosswalkTarget = string | string[] | null;

/** The new keys an old key goes to: none when retired, two or more when split. */
export function targetsOf(target: CrosswalkTarget | undefined): string[] {
  if (target === null || target === undefined) return [];
  return typeof target === 'string' ? [target] : target;
}

export const CROSSWALK_FORMAT = 'waymark-crosswalk/1';

const anyKey = z.string().refine(isNodeKey, 'not a well-formed node key');

export const crosswalkSchema = z
  .strictObject({
    format: z.literal(CROSSWALK_FORMAT),
    framework: slug,
    from: semver,
    to: semver,
    map: z.record(anyKey, z.union([anyKey, z.array(anyKey).min(2, 'a split lists two or more new keys')]).nullable()),
  })
  .refine((cw) => cw.from !== cw.to, { path: ['to'], message: 'must differ from "from"' });

export function parseCrosswalk(yamlText: string, file = '<inline>'): Crosswalk {
  const { framework, from, to, map } = parseYamlWith(crosswalkSchema, yamlText, file);
  return { framework, from, to, map };
}

export interface AppliedCrosswalk {
  /** Old key -> its new key(s); more than one when the node was split. */
  mapped: Record<string, string[]>;
  retired: string[];
  /** Keys the crosswalk does not mention: not nodes of the old version. */
  unknown: string[];
}

export function applyCrosswalk(crosswalk: Crosswalk, keys: string[]): AppliedCrosswalk {
  const mapped: Record<string, string[]> = {};
  const retired = new Set<string>();
  const unknown = new Set<string>();
  for (const key of keys) {
    if (!Object.hasOwn(crosswalk.map, key)) unknown.add(key);
    else {
      const targets = targetsOf(crosswalk.map[key]);
      if (!targets.length) retired.add(key);
      else mapped[key] = targets;
    }
  }
  return { mapped, retired: [...retired], unknown: [...unknown] };
}

type AnswerScale = 'PRACTICE' | 'EVIDENCE';

function answerScales(fw: LoadedFramework): Map<string, AnswerScale> {
  const scales = new Map<string, AnswerScale>();
  for (const element of scoringShape(fw)) {
    for (const action of element.actions) for (const key of action.partKeys) scales.set(key, 'PRACTICE');
    for (const key of element.promptKeys) scales.set(key, 'EVIDENCE');
  }
  return scales;
}

/**
 * Problems that would lose or corrupt answers: wrong framework or versions, keys not in
 * `from`, targets not in `to`, nodes of `from` left out of the map (every node must be
 * mapped or retired explicitly), and answers that would land on a different kind of question.
 */
export function validateCrosswalk(crosswalk: Crosswalk, from: LoadedFramework, to: LoadedFramework): string[] {
  const problems: string[] = [];
  const id = (fw: LoadedFramework) => `${fw.key}@${fw.version}`;
  if (from.key !== crosswalk.framework || to.key !== crosswalk.framework) {
    problems.push(`crosswalk is for ${crosswalk.framework}, given ${id(from)} and ${id(to)}`);
  }
  if (from.version !== crosswalk.from) problems.push(`crosswalk maps from ${crosswalk.from}, given ${id(from)}`);
  if (to.version !== crosswalk.to) problems.push(`crosswalk maps to ${crosswalk.to}, given ${id(to)}`);

  const fromNodes = new Map(from.nodes.map((n) => [n.key, n]));
  const toNodes = new Map(to.nodes.map((n) => [n.key, n]));
  const fromScales = answerScales(from);
  const toScales = answerScales(to);
  for (const [oldKey, target] of Object.entries(crosswalk.map)) {
    const oldNode = fromNodes.get(oldKey);
    if (!oldNode) problems.push(`${oldKey}: not a node of ${id(from)}`);
    const targets = targetsOf(target);
    if (new Set(targets).size !== targets.length) problems.push(`${oldKey}: a split names the same new key twice`);
    for (const newKey of targets) {
      const newNode = toNodes.get(newKey);
      if (!newNode) {
        problems.push(`${oldKey} -> ${newKey}: target is not a node of ${id(to)}`);
        continue;
      }
      if (!oldNode) continue;
      const oldScale = fromScales.get(oldKey);
      const newScale = toScales.get(newKey);
      const compatible = oldScale || newScale ? oldScale === newScale : oldNode.kind === newNode.kind;
      if (!compatible) {
        problems.push(`${oldKey} -> ${newKey}: ${oldScale ?? oldNode.kind} cannot become ${newScale ?? newNode.kind}`);
      }
    }
  }
  for (const key of fromNodes.keys()) {
    if (!Object.hasOwn(crosswalk.map, key)) problems.push(`${key}: not mapped (map it to a key of ${id(to)} or to null)`);
  }
  return problems;
}
