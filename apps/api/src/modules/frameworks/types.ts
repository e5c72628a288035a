import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { FrameworkNodeKind } from '@waymark/db';

registerEnumType(FrameworkNodeKind, { name: 'FrameworkNodeKind' });

@ObjectType({ description: 'Where a framework or guidance comes from, and how to credit it.' })
export class SourceType {
  @Field(() => String) title!: string;
  @Field(() => String) publisher!: string;
  @Field(() => String) attribution!: string;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => String, { nullable: true }) licence?: string | null;
}

@ObjectType()
export class FootnoteType {
  @Field(() => Int) number!: number;
  @Field(() => String) text!: string;
}

@ObjectType({ description: 'Partner-type guidance linked to a framework action.' })
export class GuidanceLinkType {
  @Field(() => String) guidanceKey!: string;
  @Field(() => String) title!: string;
  @Field(() => String) partnerType!: string;
  @Field(() => String, { description: 'Why this guidance helps with the action.' }) reason!: string;
  @Field(() => SourceType) source!: SourceType;
  @Field(() => GraphQLJSONObject, { description: 'The whole guidance document: opportunities, challenges, case study, resources, references.' })
  document!: Record<string, unknown>;
}

@ObjectType({ description: 'Any node of a framework: principle, element, action, part, evidence-prompt group or prompt.' })
export class FrameworkNodeType {
  @Field(() => String, { description: 'Stable key, e.g. "3.1.2.b"; answers are stored against it.' }) key!: string;
  @Field(() => FrameworkNodeKind) kind!: FrameworkNodeKind;
  @Field(() => String, { nullable: true }) parentKey!: string | null;
  @Field(() => Int) position!: number;
  @Field(() => String) text!: string;
  @Field(() => [FrameworkNodeType]) children!: FrameworkNodeType[];
  @Field(() => [FootnoteType]) footnotes!: FootnoteType[];
  @Field(() => [GuidanceLinkType]) guidance!: GuidanceLinkType[];
  @Field(() => String, { nullable: true, description: 'PRACTICE (YES/STARTED/NO) or EVIDENCE (YES/NO/NOT_APPLICABLE) when this node is answered.' })
  answerScale!: string | null;
}

@ObjectType()
export class IntroductionBlockType {
  @Field(() => String) kind!: string;
  @Field(() => String, { nullable: true }) text!: string | null;
  @Field(() => [String], { nullable: true }) items!: string[] | null;
}

@ObjectType()
export class ScaleOptionType {
  @Field(() => String) value!: string;
  @Field(() => String) label!: string;
}

@ObjectType()
export class AnswerScaleType {
  @Field(() => String) heading!: string;
  @Field(() => [ScaleOptionType]) options!: ScaleOptionType[];
  @Field(() => String, { nullable: true }) improvementFlag!: string | null;
}

@ObjectType()
export class FrameworkScalesType {
  @Field(() => AnswerScaleType) practice!: AnswerScaleType;
  @Field(() => AnswerScaleType) evidence!: AnswerScaleType;
}

@ObjectType('Framework', { description: 'A published, immutable framework version.' })
export class FrameworkType {
  @Field(() => ID) id!: string;
  @Field(() => String) key!: string;
  @Field(() => String) version!: string;
  @Field(() => String) title!: string;
  @Field(() => SourceType) source!: SourceType;
  @Field(() => String, { description: 'SHA-256 of the canonical document: a published version never changes.' }) contentHash!: string;
  @Field(() => Date) publishedAt!: Date;
  @Field(() => [IntroductionBlockType]) introduction!: IntroductionBlockType[];
  @Field(() => FrameworkScalesType) scales!: FrameworkScalesType;
  @Field(() => [FrameworkNodeType], { description: 'The tree: principles > elements > actions > parts, and evidence-prompt groups > prompts.' })
  principles!: FrameworkNodeType[];
  @Field(() => [FrameworkNodeType], { description: 'Every node in document order.' }) nodes!: FrameworkNodeType[];
  @Field(() => [FootnoteType]) footnotes!: FootnoteType[];
  @Field(() => [String], { description: 'Keys that take an answer, in order.' }) answerKeys!: string[];
}
