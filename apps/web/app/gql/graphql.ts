/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An answer to one item, by its stable key. */
export type AnswerInput = {
  /** Evidence prompts only: mark as an area for improvement. */
  areaForImprovement?: boolean;
  /** Agreed answers only: the `updatedAt` you last saw for this item (null: you saw none). When someone else has changed it since, the call is refused (CONFLICT, extensions.changed) and nothing is saved. Omit to overwrite. */
  expectedUpdatedAt?: string | null | undefined;
  /** e.g. "3.1.1.a" (a part), "3.1.3" (an action without parts), "3.1.g1.2" (an evidence prompt). */
  nodeKey: string;
  /** A note on the answer, up to 4000 characters. */
  note?: string | null | undefined;
  /** Parts: YES, STARTED or NO. Evidence prompts: YES, NO or NOT_APPLICABLE. */
  value: string;
};

/** The scale a node is answered on. */
export type AnswerScale =
  /** Evidence prompts: YES, NO or NOT_APPLICABLE. */
  | 'EVIDENCE'
  /** Action parts (and part-less actions): YES, STARTED or NO. */
  | 'PRACTICE';

/** Answers for one assessment. */
export type AnswersInput = {
  /** 1 to 200 answers, each item at most once. */
  answers: Array<AnswerInput>;
  /** The assessment. */
  assessmentId: string | number;
};

/** Where an assessment is in its cycle. */
export type AssessmentStatus =
  /** The team is answering. */
  | 'DRAFT'
  /** Reopened by a manager, with a reason that is kept; editable again. */
  | 'REOPENED'
  /** Submitted and locked by a manager: its scores are final. */
  | 'SUBMITTED';

/** A new assessment of a framework version for a cycle. */
export type CreateAssessmentInput = {
  /** The cycle, e.g. "2026" or "2026-27"; one assessment per framework and cycle. */
  cycle: string;
  /** When the team means to submit it; not in the past. */
  dueOn?: string | null | undefined;
  /** The framework version to answer. */
  frameworkId: string | number;
};

/** An evidence item and the answer it supports. */
export type EvidenceLinkInput = {
  /** The assessment. */
  assessmentId: string | number;
  /** The evidence item. */
  evidenceId: string | number;
  /** An answerable item of the assessment, e.g. "3.1.g1.2". */
  nodeKey: string;
};

/** Where a node sits in a framework: principle > element > action > part, and element > evidence-prompt group > prompt. */
export type FrameworkNodeKind =
  /** An action of an element (e.g. "3.1.2"); answered itself when it has no parts. */
  | 'ACTION'
  /** An element of a principle (e.g. "3.1"): scored for practice and evidence. */
  | 'ELEMENT'
  /** A part of an action (e.g. "3.1.2.b"): answered YES, STARTED or NO. */
  | 'PART'
  /** A top-level principle (e.g. "3 Partnerships"). */
  | 'PRINCIPLE'
  /** An evidence prompt: answered YES, NO or NOT_APPLICABLE. */
  | 'PROMPT'
  /** A group of evidence prompts by who they ask about (e.g. "Have you:"). */
  | 'PROMPT_GROUP';

/** A person's role in an organisation. */
export type MemberRole =
  /** Reads, in a regional body (benchmarks of its network). */
  | 'ANALYST'
  /** Answers, agrees answers with the team, works on plan items. */
  | 'ASSESSOR'
  /** Runs assessments: submits, reopens, plans, manages members. */
  | 'MANAGER'
  /** Everything, including API keys and other owners. */
  | 'OWNER'
  /** Reads. */
  | 'VIEWER';

/** What an organisation is. */
export type OrganisationKind =
  /** An archive. */
  | 'ARCHIVE'
  /** A combined service (e.g. a library and museum in one). */
  | 'COMBINED'
  /** A library. */
  | 'LIBRARY'
  /** A museum. */
  | 'MUSEUM'
  /** A regional body that compares its member institutions. */
  | 'REGIONAL_BODY';

/** The next cycle, started from a submitted assessment. */
export type StartNextCycleInput = {
  /** The cycle, e.g. "2026" or "2026-27"; one assessment per framework and cycle. */
  cycle: string;
  /** When the team means to submit it; not in the past. */
  dueOn?: string | null | undefined;
  /** The submitted assessment of the cycle before. */
  previousAssessmentId: string | number;
};

export type WhoAmIQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoAmIQuery = { me: { role: MemberRole | null, permissions: Array<string>, activeOrganisationId: string | null, user: { id: string, name: string } | null }, organisation: { id: string, name: string, kind: OrganisationKind, timeZone: string } };

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login: { token: string, expiresAt: string, user: { id: string, name: string, email: string }, memberships: Array<{ role: MemberRole, organisation: { id: string, name: string, slug: string, kind: OrganisationKind } }> } };

export type AssessmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type AssessmentsQuery = { assessments: { edges: Array<{ node: { id: string, cycle: string, status: AssessmentStatus, dueOn: string | null, updatedAt: string, submittedAt: string | null, frameworkId: string, completion: { percent: number, partsAnswered: number, partsTotal: number } } }> }, frameworks: { edges: Array<{ node: { id: string, title: string, version: string } }> } };

export type CreateAssessmentMutationVariables = Exact<{
  input: CreateAssessmentInput;
}>;


export type CreateAssessmentMutation = { createAssessment: { id: string } };

export type StartNextCycleMutationVariables = Exact<{
  input: StartNextCycleInput;
}>;


export type StartNextCycleMutation = { startNextCycle: { id: string } };

export type LibraryForLinksQueryVariables = Exact<{ [key: string]: never; }>;


export type LibraryForLinksQuery = { evidenceLibrary: { edges: Array<{ node: { id: string, title: string, url: string | null, fileReference: string | null, evidenceDate: string, expiresOn: string | null, links: Array<{ assessmentId: string, nodeKey: string }> } }> } };

export type LinkEvidenceMutationVariables = Exact<{
  input: EvidenceLinkInput;
}>;


export type LinkEvidenceMutation = { linkEvidence: { evidenceId: string, nodeKey: string } };

export type UnlinkEvidenceMutationVariables = Exact<{
  input: EvidenceLinkInput;
}>;


export type UnlinkEvidenceMutation = { unlinkEvidence: boolean };

export type AssessmentWorkQueryVariables = Exact<{
  id: string | number;
}>;


export type AssessmentWorkQuery = { assessment: { id: string, cycle: string, status: AssessmentStatus, dueOn: string | null, submittedAt: string | null, submittedBy: { name: string } | null, framework: { id: string, title: string, source: { title: string, publisher: string, attribution: string, url: string | null }, scales: { practice: { heading: string, options: Array<{ value: string, label: string }> }, evidence: { heading: string, improvementFlag: string | null, options: Array<{ value: string, label: string }> } }, nodes: Array<{ key: string, kind: FrameworkNodeKind, parentKey: string | null, text: string, answerScale: AnswerScale | null, footnotes: Array<{ number: number, text: string }>, guidance: Array<{ guidanceKey: string, title: string, partnerType: string, reason: string, document: Record<string, unknown>, source: { attribution: string } }> }> }, answers: Array<{ nodeKey: string, value: string, areaForImprovement: boolean, note: string | null, updatedAt: string, setBy: { id: string, name: string } }>, myAnswers: Array<{ nodeKey: string, value: string, areaForImprovement: boolean, note: string | null, updatedAt: string }>, assessorAnswers: Array<{ nodeKey: string, value: string, userId: string, assessor: { id: string, name: string } }>, disagreements: Array<{ nodeKey: string, consensus: string | null, values: Array<{ value: string, people: Array<{ id: string, name: string }> }> }>, completion: { partsAnswered: number, partsTotal: number, promptsAnswered: number, promptsTotal: number, percent: number, missingKeys: Array<string>, unansweredPrompts: Array<string>, readyToSubmit: boolean }, reopenings: Array<{ id: string, reason: string, createdAt: string, reopenedBy: { name: string } }> } };

export type RecordAnswersMutationVariables = Exact<{
  input: AnswersInput;
}>;


export type RecordAnswersMutation = { recordAnswers: Array<{ nodeKey: string, value: string, areaForImprovement: boolean, note: string | null, updatedAt: string }> };

export type SetConsensusMutationVariables = Exact<{
  input: AnswersInput;
}>;


export type SetConsensusMutation = { setConsensusAnswers: { id: string, answers: Array<{ nodeKey: string, value: string, areaForImprovement: boolean, note: string | null, updatedAt: string, setBy: { id: string, name: string } }>, completion: { partsAnswered: number, partsTotal: number, promptsAnswered: number, promptsTotal: number, percent: number, missingKeys: Array<string>, unansweredPrompts: Array<string>, readyToSubmit: boolean } } };


export const WhoAmIDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhoAmI"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"activeOrganisationId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}}]}}]}}]} as unknown as DocumentNode<WhoAmIQuery, WhoAmIQueryVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const AssessmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Assessments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assessments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cycle"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"frameworkId"}},{"kind":"Field","name":{"kind":"Name","value":"completion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"partsAnswered"}},{"kind":"Field","name":{"kind":"Name","value":"partsTotal"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"frameworks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AssessmentsQuery, AssessmentsQueryVariables>;
export const CreateAssessmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateAssessment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAssessmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAssessment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateAssessmentMutation, CreateAssessmentMutationVariables>;
export const StartNextCycleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartNextCycle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartNextCycleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startNextCycle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<StartNextCycleMutation, StartNextCycleMutationVariables>;
export const LibraryForLinksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LibraryForLinks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evidenceLibrary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"fileReference"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceDate"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}},{"kind":"Field","name":{"kind":"Name","value":"links"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assessmentId"}},{"kind":"Field","name":{"kind":"Name","value":"nodeKey"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<LibraryForLinksQuery, LibraryForLinksQueryVariables>;
export const LinkEvidenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LinkEvidence"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EvidenceLinkInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkEvidence"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evidenceId"}},{"kind":"Field","name":{"kind":"Name","value":"nodeKey"}}]}}]}}]} as unknown as DocumentNode<LinkEvidenceMutation, LinkEvidenceMutationVariables>;
export const UnlinkEvidenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnlinkEvidence"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EvidenceLinkInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlinkEvidence"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<UnlinkEvidenceMutation, UnlinkEvidenceMutationVariables>;
export const AssessmentWorkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AssessmentWork"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assessment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cycle"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"framework"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publisher"}},{"kind":"Field","name":{"kind":"Name","value":"attribution"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scales"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"practice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heading"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heading"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"improvementFlag"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"parentKey"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"answerScale"}},{"kind":"Field","name":{"kind":"Name","value":"footnotes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"guidance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"guidanceKey"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"partnerType"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"document"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribution"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"answers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeKey"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"areaForImprovement"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"setBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"myAnswers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeKey"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"areaForImprovement"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assessorAnswers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeKey"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"assessor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"disagreements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeKey"}},{"kind":"Field","name":{"kind":"Name","value":"consensus"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"people"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"completion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partsAnswered"}},{"kind":"Field","name":{"kind":"Name","value":"partsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"promptsAnswered"}},{"kind":"Field","name":{"kind":"Name","value":"promptsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"missingKeys"}},{"kind":"Field","name":{"kind":"Name","value":"unansweredPrompts"}},{"kind":"Field","name":{"kind":"Name","value":"readyToSubmit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reopenings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"reopenedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AssessmentWorkQuery, AssessmentWorkQueryVariables>;
export const RecordAnswersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordAnswers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnswersInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordAnswers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeKey"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"areaForImprovement"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<RecordAnswersMutation, RecordAnswersMutationVariables>;
export const SetConsensusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetConsensus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnswersInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setConsensusAnswers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"answers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeKey"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"areaForImprovement"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"setBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"completion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partsAnswered"}},{"kind":"Field","name":{"kind":"Name","value":"partsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"promptsAnswered"}},{"kind":"Field","name":{"kind":"Name","value":"promptsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"missingKeys"}},{"kind":"Field","name":{"kind":"Name","value":"unansweredPrompts"}},{"kind":"Field","name":{"kind":"Name","value":"readyToSubmit"}}]}}]}}]}}]} as unknown as DocumentNode<SetConsensusMutation, SetConsensusMutationVariables>;