import { contentHash, sourceContent } from './hash';
import { walkNodes } from './nodes';
import { frameworkDocumentSchema, type FrameworkDocument } from './schema';
import type { Footnote, FrameworkNodeRow, FrameworkSource } from './types';
import { parseYamlWith } from './yaml-input';

export interface LoadedFramework {
  key: string;
  version: string;
  title: string;
  source: FrameworkSource;
  /** The validated document, JSON-serialisable. */
  document: FrameworkDocument;
  /** sha256 hex of the canonical JSON of `document` without Waymark's plain words (title, todo). */
  contentHash: string;
  /** Every node in document order. */
  nodes: FrameworkNodeRow[];
  footnotes: Footnote[];
  /** Where it came from. */
  file: string;
}

export function parseFramework(yamlText: string, file = '<inline>'): LoadedFramework {
  return fromDocument(parseYamlWith(frameworkDocumentSchema, yamlText, file), file);
}

/** Builds the derived views of an already-validated document. */
export function fromDocument(document: FrameworkDocument, file: string): LoadedFramework {
  const footnotes: Footnote[] = document.footnotes.map(({ number, text, attachedTo }) => ({ number, text, attachedTo }));
  const nodes = walkNodes(document).map(({ row }) => ({
    ...row,
    footnotes: footnotes.filter((f) => f.attachedTo === row.key).map((f) => f.number),
  }));
  return {
    key: document.key,
    version: document.version,
    title: document.title,
    source: document.source,
    document,
    contentHash: contentHash(sourceContent(document)),
    nodes,
    footnotes,
    file,
  };
}

export interface ScoringElement {
  key: string;
  /** Answerable part keys per action; an action without parts answers as itself. */
  actions: { key: string; partKeys: string[] }[];
  promptKeys: string[];
}

/** What the scoring rules need: which keys get a practice answer and which an evidence answer. */
export function scoringShape(fw: LoadedFramework): ScoringElement[] {
  return fw.document.principles.flatMap((principle) =>
    principle.elements.map((element) => ({
      key: element.key,
      actions: element.actions.map((action) => ({
        key: action.key,
        partKeys: action.parts.length > 0 ? action.parts.map((part) => part.key) : [action.key],
      })),
      promptKeys: element.evidenceGroups.flatMap((group) => group.prompts.map((prompt) => prompt.key)),
    })),
  );
}
