export type NodeKind = 'PRINCIPLE' | 'ELEMENT' | 'ACTION' | 'PART' | 'PROMPT_GROUP' | 'PROMPT';

export interface FrameworkNodeRow {
  /** Stable key, e.g. '3.1.2.b'. */
  key: string;
  kind: NodeKind;
  parentKey: string | null;
  /** 0-based order among all children of the parent (an element's actions come before its groups). */
  position: number;
  /** The node's own words: title for PRINCIPLE, question for ELEMENT/ACTION, label for PROMPT_GROUP. */
  text: string;
  /** Waymark's short title of an element (its own words, not the source's); null elsewhere. */
  title: string | null;
  /** What to do about an action or a prompt, in Waymark's own plain words; null elsewhere. */
  todo: string | null;
  /** Footnote numbers attached to this node. */
  footnotes: number[];
}

export interface Footnote {
  number: number;
  text: string;
  /** Key of the node the footnote belongs to. */
  attachedTo: string;
}

export interface FrameworkSource {
  title: string;
  publisher: string;
  attribution: string;
  url?: string;
  licence?: string;
}
