import { EvidenceAnswer, PracticeAnswer } from '@waymark/domain';
import { z } from 'zod';
import { KeyRegistry, nodeKey, semver, slug, sourceSchema, text } from './common';
import { formatPath } from './errors';
import { KEY_PATTERNS, parentKeyOf } from './keys';
import { walkNodes } from './nodes';

/** A domain enum's values as the non-empty tuple zod's enum takes. */
const values = <V extends string>(e: { readonly [K in V]: K }) => Object.values(e) as [V, ...V[]];

/** Each value appears exactly once: scoring relies on knowing every option. */
const scaleOptions = <const V extends readonly [string, ...string[]]>(values: V) =>
  z
    .array(z.strictObject({ value: z.enum(values), label: text }))
    .refine(
      (options) => options.length === values.length && values.every((v) => options.some((o) => o.value === v)),
      `must list each of ${values.join(', ')} exactly once`,
    );

export const scalesSchema = z.strictObject({
  practice: z.strictObject({ heading: text, options: scaleOptions(values(PracticeAnswer)) }),
  evidence: z.strictObject({
    heading: text,
    options: scaleOptions(values(EvidenceAnswer)),
    improvementFlag: text,
  }),
});

export const introductionBlockSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('PARAGRAPH'), text }),
  z.strictObject({ kind: z.literal('LIST'), items: z.array(text).min(1) }),
  z.strictObject({ kind: z.literal('NOTE'), text }),
]);

export const partSchema = z.strictObject({ key: nodeKey('PART'), text });

/**
 * Waymark's own plain words beside the source's (never instead of them): what to do about an action
 * or a prompt, and an element's short title. Optional, so a framework brought by an organisation
 * need not have them; left out of the content hash (see hash.ts), so improving them is no new version.
 */
const todo = text.optional();

export const actionSchema = z.strictObject({
  key: nodeKey('ACTION'),
  question: text,
  todo,
  // An action without parts is answered as a whole.
  parts: z.array(partSchema).default([]),
});

export const promptSchema = z.strictObject({ key: nodeKey('PROMPT'), text, todo });

export const promptGroupSchema = z.strictObject({
  key: nodeKey('PROMPT_GROUP'),
  label: text,
  prompts: z.array(promptSchema).min(1),
});

export const elementSchema = z.strictObject({
  key: nodeKey('ELEMENT'),
  question: text,
  title: text.optional(),
  actions: z.array(actionSchema).min(1),
  evidenceGroups: z.array(promptGroupSchema).default([]),
});

export const principleSchema = z.strictObject({
  key: nodeKey('PRINCIPLE'),
  title: text,
  subtitle: text.optional(),
  elements: z.array(elementSchema).min(1),
});

export const footnoteSchema = z.strictObject({
  number: z.int().positive(),
  attachedTo: z.string(),
  text,
});

export const FRAMEWORK_FORMAT = 'waymark-framework/1';

export const frameworkDocumentSchema = z
  .strictObject({
    format: z.literal(FRAMEWORK_FORMAT),
    key: slug,
    version: semver,
    title: text,
    source: sourceSchema,
    scales: scalesSchema,
    introduction: z.array(introductionBlockSchema).default([]),
    principles: z.array(principleSchema).min(1),
    footnotes: z.array(footnoteSchema).default([]),
  })
  .superRefine((doc, ctx) => {
    const keys = new KeyRegistry();
    for (const { row, path } of walkNodes(doc)) {
      const keyPath = [...path, 'key'];
      const first = keys.claim(row.key, formatPath(keyPath));
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: keyPath, message: `duplicate key "${row.key}" (first at ${first})` });
      }
      // A malformed key is already reported; its parent cannot be judged.
      const wellFormed = KEY_PATTERNS[row.kind].test(row.key);
      if (wellFormed && row.parentKey !== null && parentKeyOf(row.key) !== row.parentKey) {
        ctx.addIssue({ code: 'custom', path: keyPath, message: `"${row.key}" is not under its parent "${row.parentKey}"` });
      }
    }
    const numbers = new KeyRegistry();
    doc.footnotes.forEach((footnote, i) => {
      const first = numbers.claim(String(footnote.number), formatPath(['footnotes', i]));
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['footnotes', i, 'number'], message: `duplicate footnote number ${footnote.number} (first at ${first})` });
      }
      if (!keys.has(footnote.attachedTo)) {
        ctx.addIssue({ code: 'custom', path: ['footnotes', i, 'attachedTo'], message: `no node has key "${footnote.attachedTo}"` });
      }
    });
  });

export type FrameworkDocument = z.output<typeof frameworkDocumentSchema>;
export type FrameworkPrinciple = FrameworkDocument['principles'][number];
export type FrameworkElement = FrameworkPrinciple['elements'][number];
export type FrameworkAction = FrameworkElement['actions'][number];
export type FrameworkPromptGroup = FrameworkElement['evidenceGroups'][number];
export type FrameworkScales = FrameworkDocument['scales'];
export type IntroductionBlock = FrameworkDocument['introduction'][number];
