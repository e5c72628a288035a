import { z } from 'zod';
import { semver, slug } from './common';
import { scoringShape, type LoadedFramework } from './framework';
import { isNodeKey } from './keys';
import { parseYamlWith } from './yaml-input';

/** Old key -> new key between two versions of one framework; null means the node was retired. */
export interface Crosswalk {
  framework: string;
  from: string;
  to: string;
  map: Record<string, string | null>;
}

export const CROSSWALK_FORMAT = 'waymark-crosswalk/1';

const anyKey = z.string().refine(isNodeKey, 'not a well-formed node key');

export const crosswalkSchema = z
  .strictObject({
    format: z.literal(CROSSWALK_FORMAT),
    framework: slug,
    from: semver,
    to: semver,
    map: z.record(anyKey, anyKey.nullable()),
  })
  .refine((cw) => cw.from !== cw.to, { path: ['to'], message: 'must differ from "from"' });

export function parseCrosswalk(yamlText: string, file = '<inline>'): Crosswalk {
  const { framework, from, to, map } = parseYamlWith(crosswalkSchema, yamlText, file);
  return { framework, from, to, map };
}

export interface AppliedCrosswalk {
  mapped: Record<string, string>;
  retired: string[];
  /** Keys the crosswalk does not mention: not nodes of the old version. */
  unknown: string[];
}

export function applyCrosswalk(crosswalk: Crosswalk, keys: string[]): AppliedCrosswalk {
  const mapped: Record<string, string> = {};
  const retired = new Set<string>();
  const unknown = new Set<string>();
  for (const key of keys) {
    if (!Object.hasOwn(crosswalk.map, key)) unknown.add(key);
    else {
      const target = crosswalk.map[key];
      if (target === null || target === undefined) retired.add(key);
      else mapped[key] = target;
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
  for (const [oldKey, newKey] of Object.entries(crosswalk.map)) {
    const oldNode = fromNodes.get(oldKey);
    if (!oldNode) problems.push(`${oldKey}: not a node of ${id(from)}`);
    if (newKey === null) continue;
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
  for (const key of fromNodes.keys()) {
    if (!Object.hasOwn(crosswalk.map, key)) problems.push(`${key}: not mapped (map it to a key of ${id(to)} or to null)`);
  }
  return problems;
}
