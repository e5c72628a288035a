import { z } from 'zod';
import { KeyRegistry, nodeKey, slug, sourceSchema, text } from './common';
import type { LoadedFramework } from './framework';
import { contentHash } from './hash';
import type { FrameworkSource } from './types';
import { parseYamlWith } from './yaml-input';

const point = z.strictObject({
  key: slug,
  title: text,
  text,
  /** Numbers in `references` that this point draws on. */
  references: z.array(z.int().positive()).default([]),
});

export const GUIDANCE_FORMAT = 'waymark-guidance/1';

export const guidanceDocumentSchema = z
  .strictObject({
    format: z.literal(GUIDANCE_FORMAT),
    key: slug,
    title: text,
    partnerType: z.string().regex(/^[A-Z][A-Z_]*$/, 'must be UPPER_SNAKE_CASE'),
    source: sourceSchema,
    quotation: z.strictObject({ text, attribution: text }).optional(),
    summary: text,
    opportunities: z.array(point).min(1),
    challenges: z.array(point).default([]),
    caseStudies: z
      .array(z.strictObject({ key: slug, title: text, summary: text.optional(), note: text.optional() }))
      .default([]),
    resources: z
      .array(
        z.strictObject({
          key: slug,
          title: text,
          url: z.url(),
          offers: text,
          seeAlso: z.array(z.strictObject({ title: text, url: z.url() })).default([]),
        }),
      )
      .default([]),
    references: z
      .array(z.strictObject({ number: z.int().positive(), citation: text, url: z.url().optional(), note: text.optional() }))
      .default([]),
    links: z
      .array(
        z.strictObject({
          framework: slug,
          actions: z.array(nodeKey('ACTION')).min(1),
          reason: text,
          /** Keys of the opportunities or challenges behind the link. */
          about: z.array(slug).default([]),
        }),
      )
      .default([]),
  })
  .superRefine((doc, ctx) => {
    const itemKeys = new KeyRegistry();
    for (const list of ['opportunities', 'challenges', 'caseStudies', 'resources'] as const) {
      doc[list].forEach((item, i) => {
        const first = itemKeys.claim(item.key, `${list}[${i}]`);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [list, i, 'key'], message: `duplicate key "${item.key}" (first at ${first})` });
      });
    }
    const numbers = new KeyRegistry();
    doc.references.forEach((ref, i) => {
      const first = numbers.claim(String(ref.number), `references[${i}]`);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['references', i, 'number'], message: `duplicate reference ${ref.number} (first at ${first})` });
    });
    for (const list of ['opportunities', 'challenges'] as const) {
      doc[list].forEach((item, i) =>
        item.references.forEach((n, j) => {
          if (!numbers.has(String(n))) ctx.addIssue({ code: 'custom', path: [list, i, 'references', j], message: `no reference numbered ${n}` });
        }),
      );
    }
    const pointKeys = new Set([...doc.opportunities, ...doc.challenges].map((p) => p.key));
    const linked = new Set<string>();
    doc.links.forEach((link, i) => {
      link.about.forEach((key, j) => {
        if (!pointKeys.has(key)) ctx.addIssue({ code: 'custom', path: ['links', i, 'about', j], message: `no opportunity or challenge has key "${key}"` });
      });
      link.actions.forEach((action, j) => {
        const id = `${link.framework} ${action}`;
        if (linked.has(id)) ctx.addIssue({ code: 'custom', path: ['links', i, 'actions', j], message: `${action} of ${link.framework} is already linked` });
        linked.add(id);
      });
    });
  });

export type GuidanceDocument = z.output<typeof guidanceDocumentSchema>;

export interface GuidanceLink {
  framework: string;
  nodeKey: string;
  reason: string;
}

export interface LoadedGuidance {
  key: string;
  title: string;
  partnerType: string;
  source: FrameworkSource;
  document: GuidanceDocument;
  contentHash: string;
  links: GuidanceLink[];
  file: string;
}

export function parseGuidance(yamlText: string, file = '<inline>'): LoadedGuidance {
  const document = parseYamlWith(guidanceDocumentSchema, yamlText, file);
  return {
    key: document.key,
    title: document.title,
    partnerType: document.partnerType,
    source: document.source,
    document,
    contentHash: contentHash(document),
    links: document.links.flatMap((link) =>
      link.actions.map((nodeKey) => ({ framework: link.framework, nodeKey, reason: link.reason })),
    ),
    file,
  };
}

/**
 * Problems with the links of a guidance document against the given frameworks: a link
 * must name a framework that is present and an ACTION in every given version of it.
 * Parsing cannot check this alone because it does not know the frameworks.
 */
export function validateGuidanceLinks(guidance: LoadedGuidance, frameworks: LoadedFramework[]): string[] {
  const problems: string[] = [];
  for (const link of guidance.links) {
    const versions = frameworks.filter((fw) => fw.key === link.framework);
    if (versions.length === 0) problems.push(`${guidance.key}: no framework "${link.framework}" for ${link.nodeKey}`);
    for (const fw of versions) {
      const node = fw.nodes.find((n) => n.key === link.nodeKey);
      if (node?.kind !== 'ACTION') problems.push(`${guidance.key}: ${link.nodeKey} is not an action of ${fw.key}@${fw.version}`);
    }
  }
  return problems;
}
