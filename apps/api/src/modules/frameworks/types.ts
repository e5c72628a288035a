import { Field, ID, Int, registerEnumType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type';
import { GraphQLJSONObject } from 'graphql-scalars';
import { AnswerScale, FrameworkChangeKind, FrameworkNodeKind, scaleInWords } from '@waymark/domain';

registerEnumType(FrameworkNodeKind, {
  name: 'FrameworkNodeKind',
  description: 'Where a node sits in a framework: principle > element > action > part, and element > evidence-prompt group > prompt.',
  valuesConfig: {
    PRINCIPLE: { description: 'A top-level principle (e.g. "3 Partnerships").' },
    ELEMENT: { description: 'An element of a principle (e.g. "3.1"): scored for practice and evidence.' },
    ACTION: { description: 'An action of an element (e.g. "3.1.2"); answered itself when it has no parts.' },
    PART: { description: `A part of an action (e.g. "3.1.2.b"): answered ${scaleInWords('PRACTICE')}.` },
    PROMPT_GROUP: { description: 'A group of evidence prompts by who they ask about (e.g. "Have you:").' },
    PROMPT: { description: `An evidence prompt: answered ${scaleInWords('EVIDENCE')}.` },
  },
});
registerEnumType(AnswerScale, {
  name: 'AnswerScale',
  description: 'The scale a node is answered on.',
  valuesConfig: {
    PRACTICE: { description: `Action parts (and part-less actions): ${scaleInWords('PRACTICE')}.` },
    EVIDENCE: { description: `Evidence prompts: ${scaleInWords('EVIDENCE')}.` },
  },
});

@ObjectType({ description: 'Where a framework or guidance comes from, and how to credit it.' })
export class SourceType {
  @Field(() => String, { description: 'Title of the source document.' }) title!: string;
  @Field(() => String, { description: 'Who published it.' }) publisher!: string;
  @Field(() => String, { description: 'The credit to show wherever its words are used.' }) attribution!: string;
  @Field(() => String, { nullable: true, description: 'Where the source can be read.' }) url?: string | null;
  @Field(() => String, { nullable: true, description: 'The licence it is used under, when known.' }) licence?: string | null;
}

@ObjectType({ description: 'A footnote of the framework, attached where the source attaches it.' })
export class FootnoteType {
  @Field(() => Int, { description: 'The footnote number in the source.' }) number!: number;
  @Field(() => String, { description: 'Its text, word for word.' }) text!: string;
}

@ObjectType({ description: 'Partner-type guidance linked to a framework action.' })
export class GuidanceLinkType {
  @Field(() => String, { description: 'Stable key of the guidance document.' }) guidanceKey!: string;
  @Field(() => String, { description: 'Title of the guidance.' }) title!: string;
  @Field(() => String, { description: 'The kind of partner it is about (a PartnerType value).' }) partnerType!: string;
  @Field(() => String, { description: 'Why this guidance helps with the action.' }) reason!: string;
  @Field(() => SourceType, { description: 'Where the guidance comes from (it is paraphrased, with attribution).' }) source!: SourceType;
  @Field(() => GraphQLJSONObject, { description: 'The whole guidance document: opportunities, challenges, case study, resources, references.' })
  document!: Record<string, unknown>;
}

@ObjectType({ description: 'Any node of a framework: principle, element, action, part, evidence-prompt group or prompt.' })
export class FrameworkNodeType {
  @Field(() => String, { description: 'Stable key, e.g. "3.1.2.b"; answers are stored against it and survive new versions.' }) key!: string;
  @Field(() => FrameworkNodeKind, { description: 'What kind of node this is.' }) kind!: FrameworkNodeKind;
  @Field(() => String, { nullable: true, description: 'Key of the parent node; null for a principle.' }) parentKey!: string | null;
  @Field(() => Int, { description: 'Position among its siblings, from 1.' }) position!: number;
  @Field(() => String, { description: 'The words of the framework, exactly as the source has them.' }) text!: string;
  @Field(() => String, { nullable: true, description: "An element's short title in Waymark's own words (not the source's); null for other nodes or when the framework has none." })
  title!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "What to do about an action or an evidence prompt, in one plain sentence of Waymark's own (the source's words stay in `text`); plan items, reminders and the report use it. Null for other nodes or when the framework has none.",
  })
  todo!: string | null;
  @Field(() => [FrameworkNodeType], { description: 'Child nodes in order.' }) children!: FrameworkNodeType[];
  @Field(() => [FootnoteType], { description: 'Footnotes attached to this node.' }) footnotes!: FootnoteType[];
  @Field(() => [GuidanceLinkType], { description: 'Partner-type guidance that helps with this node (actions).' }) guidance!: GuidanceLinkType[];
  @Field(() => AnswerScale, { nullable: true, description: 'The scale this node is answered on; null when it takes no answer.' })
  answerScale!: AnswerScale | null;
}

@ObjectType({ description: 'A block of the framework introduction: a paragraph or a list.' })
export class IntroductionBlockType {
  @Field(() => String, { description: '"paragraph", "list" or "note".' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'The text of a paragraph or note.' }) text!: string | null;
  @Field(() => [String], { nullable: true, description: 'The items of a list.' }) items!: string[] | null;
}

@ObjectType({ description: 'One value of an answer scale, with the label the source uses.' })
export class ScaleOptionType {
  @Field(() => String, { description: 'The value to send (e.g. "STARTED").' }) value!: string;
  @Field(() => String, { description: 'How the source words it (e.g. "Have started").' }) label!: string;
}

@ObjectType({ description: 'An answer scale as the source presents it.' })
export class AnswerScaleType {
  @Field(() => String, { description: 'The column heading the source uses.' }) heading!: string;
  @Field(() => [ScaleOptionType], { description: 'The values, in order.' }) options!: ScaleOptionType[];
  @Field(() => String, { nullable: true, description: 'The label of the "area for improvement" flag, where the scale has one.' })
  improvementFlag!: string | null;
}

@ObjectType({ description: 'The two answer scales of a framework.' })
export class FrameworkScalesType {
  @Field(() => AnswerScaleType, { description: 'For action parts.' }) practice!: AnswerScaleType;
  @Field(() => AnswerScaleType, { description: 'For evidence prompts.' }) evidence!: AnswerScaleType;
}

@ObjectType('Framework', { description: 'A published, immutable framework version with its whole tree.' })
export class FrameworkType {
  @Field(() => ID, { description: 'Id of this framework version.' }) id!: string;
  @Field(() => String, { description: 'Stable key of the framework across versions, e.g. "inspiring-learning-partnerships".' }) key!: string;
  @Field(() => String, { description: 'The version, e.g. "1.0.0".' }) version!: string;
  @Field(() => String, { description: 'Title of the framework.' }) title!: string;
  @Field(() => SourceType, { description: 'Where its words come from, and the attribution to show.' }) source!: SourceType;
  @Field(() => String, { description: 'SHA-256 of the canonical document: a published version never changes.' }) contentHash!: string;
  @Field(() => Date, { description: 'When this version was published into Waymark.' }) publishedAt!: Date;
  @Field(() => [IntroductionBlockType], { description: 'The introduction and notes of the source, in order.' }) introduction!: IntroductionBlockType[];
  @Field(() => FrameworkScalesType, { description: 'The answer scales, as the source words them.' }) scales!: FrameworkScalesType;
  @Field(() => [FrameworkNodeType], { description: 'The tree: principles > elements > actions > parts, and evidence-prompt groups > prompts.' })
  principles!: FrameworkNodeType[];
  @Field(() => [FrameworkNodeType], { description: 'Every node in document order.' }) nodes!: FrameworkNodeType[];
  @Field(() => [FootnoteType], { description: 'Every footnote of the source.' }) footnotes!: FootnoteType[];
  @Field(() => [String], { description: 'Keys that take an answer, in framework order.' }) answerKeys!: string[];
}

@ObjectType('FrameworkSummary', { description: 'A framework version in a list (read `framework` for its tree).' })
export class FrameworkSummary {
  @Field(() => ID, { description: 'Id of this framework version.' }) id!: string;
  @Field(() => String, { description: 'Stable key of the framework across versions.' }) key!: string;
  @Field(() => String, { description: 'The version.' }) version!: string;
  @Field(() => String, { description: 'Title of the framework.' }) title!: string;
  @Field(() => Date, { description: 'When this version was published into Waymark.' }) publishedAt!: Date;
  createdAt!: Date;
}

registerEnumType(FrameworkChangeKind, {
  name: 'FrameworkChangeKind',
  description: 'How a question changed from one framework version to the next.',
  valuesConfig: {
    REWORDED: { description: 'Same question, new words: answers carry over, marked for review.' },
    RENUMBERED: { description: 'Same words under a new key: answers carry over.' },
    SPLIT: { description: 'One question became two or more: each starts from the old answer, marked for review.' },
    MERGED: { description: 'Two or more questions became one: the first old answer carries over, marked for review.' },
    REMOVED: { description: 'Retired: its answer stays with the earlier cycle.' },
    ADDED: { description: 'New in this version: no earlier answer.' },
  },
});

@ObjectType('FrameworkChange', { description: 'One difference between two versions of a framework, from the published crosswalk.' })
export class FrameworkChangeType {
  @Field(() => FrameworkChangeKind, { description: 'What happened to the question.' }) kind!: FrameworkChangeKind;
  @Field(() => FrameworkNodeKind, { description: 'What kind of node it is (action, part, prompt ...).' }) nodeKind!: FrameworkNodeKind;
  @Field(() => String, { nullable: true, description: 'Its key in the earlier version (null when added).' }) fromKey!: string | null;
  @Field(() => [String], { description: 'Its key(s) in the later version (none when removed, two or more when split).' }) toKeys!: string[];
  @Field(() => String, { nullable: true, description: 'The earlier words (null when added).' }) before!: string | null;
  @Field(() => [String], { description: 'The later words, one per key in `toKeys`.' }) after!: string[];
}
