/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query WhoAmI {\n    me { user { id name } role permissions activeOrganisationId }\n    organisation { id name kind timeZone }\n  }\n": typeof types.WhoAmIDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Assessments {\n    assessments(page: { first: 50 }) {\n      edges { node { id cycle status dueOn updatedAt submittedAt frameworkId completion { percent partsAnswered partsTotal } } }\n    }\n    frameworks { edges { node { id title version } } }\n  }\n": typeof types.AssessmentsDocument,
    "\n  mutation CreateAssessment($input: CreateAssessmentInput!) { createAssessment(input: $input) { id } }\n": typeof types.CreateAssessmentDocument,
    "\n  mutation StartNextCycle($input: StartNextCycleInput!) { startNextCycle(input: $input) { id } }\n": typeof types.StartNextCycleDocument,
    "\n  query LibraryForLinks {\n    evidenceLibrary(page: { first: 100 }) {\n      edges { node { id title url fileReference evidenceDate expiresOn links { assessmentId nodeKey } } }\n    }\n  }\n": typeof types.LibraryForLinksDocument,
    "\n  mutation LinkEvidence($input: EvidenceLinkInput!) { linkEvidence(input: $input) { evidenceId nodeKey } }\n": typeof types.LinkEvidenceDocument,
    "\n  mutation UnlinkEvidence($input: EvidenceLinkInput!) { unlinkEvidence(input: $input) }\n": typeof types.UnlinkEvidenceDocument,
    "\n  query AssessmentWork($id: ID!) {\n    assessment(id: $id) {\n      id cycle status dueOn submittedAt\n      submittedBy { name }\n      framework {\n        id title\n        source { title publisher attribution url }\n        scales {\n          practice { heading options { value label } }\n          evidence { heading options { value label } improvementFlag }\n        }\n        nodes {\n          key kind parentKey text answerScale\n          footnotes { number text }\n          guidance { guidanceKey title partnerType reason document source { attribution } }\n        }\n      }\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      myAnswers { nodeKey value areaForImprovement note updatedAt }\n      assessorAnswers { nodeKey value userId assessor { id name } }\n      disagreements { nodeKey consensus values { value people { id name } } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n      reopenings { id reason createdAt reopenedBy { name } }\n    }\n  }\n": typeof types.AssessmentWorkDocument,
    "\n  mutation RecordAnswers($input: AnswersInput!) {\n    recordAnswers(input: $input) { nodeKey value areaForImprovement note updatedAt }\n  }\n": typeof types.RecordAnswersDocument,
    "\n  mutation SetConsensus($input: AnswersInput!) {\n    setConsensusAnswers(input: $input) {\n      id\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n    }\n  }\n": typeof types.SetConsensusDocument,
};
const documents: Documents = {
    "\n  query WhoAmI {\n    me { user { id name } role permissions activeOrganisationId }\n    organisation { id name kind timeZone }\n  }\n": types.WhoAmIDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n": types.LoginDocument,
    "\n  query Assessments {\n    assessments(page: { first: 50 }) {\n      edges { node { id cycle status dueOn updatedAt submittedAt frameworkId completion { percent partsAnswered partsTotal } } }\n    }\n    frameworks { edges { node { id title version } } }\n  }\n": types.AssessmentsDocument,
    "\n  mutation CreateAssessment($input: CreateAssessmentInput!) { createAssessment(input: $input) { id } }\n": types.CreateAssessmentDocument,
    "\n  mutation StartNextCycle($input: StartNextCycleInput!) { startNextCycle(input: $input) { id } }\n": types.StartNextCycleDocument,
    "\n  query LibraryForLinks {\n    evidenceLibrary(page: { first: 100 }) {\n      edges { node { id title url fileReference evidenceDate expiresOn links { assessmentId nodeKey } } }\n    }\n  }\n": types.LibraryForLinksDocument,
    "\n  mutation LinkEvidence($input: EvidenceLinkInput!) { linkEvidence(input: $input) { evidenceId nodeKey } }\n": types.LinkEvidenceDocument,
    "\n  mutation UnlinkEvidence($input: EvidenceLinkInput!) { unlinkEvidence(input: $input) }\n": types.UnlinkEvidenceDocument,
    "\n  query AssessmentWork($id: ID!) {\n    assessment(id: $id) {\n      id cycle status dueOn submittedAt\n      submittedBy { name }\n      framework {\n        id title\n        source { title publisher attribution url }\n        scales {\n          practice { heading options { value label } }\n          evidence { heading options { value label } improvementFlag }\n        }\n        nodes {\n          key kind parentKey text answerScale\n          footnotes { number text }\n          guidance { guidanceKey title partnerType reason document source { attribution } }\n        }\n      }\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      myAnswers { nodeKey value areaForImprovement note updatedAt }\n      assessorAnswers { nodeKey value userId assessor { id name } }\n      disagreements { nodeKey consensus values { value people { id name } } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n      reopenings { id reason createdAt reopenedBy { name } }\n    }\n  }\n": types.AssessmentWorkDocument,
    "\n  mutation RecordAnswers($input: AnswersInput!) {\n    recordAnswers(input: $input) { nodeKey value areaForImprovement note updatedAt }\n  }\n": types.RecordAnswersDocument,
    "\n  mutation SetConsensus($input: AnswersInput!) {\n    setConsensusAnswers(input: $input) {\n      id\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n    }\n  }\n": types.SetConsensusDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhoAmI {\n    me { user { id name } role permissions activeOrganisationId }\n    organisation { id name kind timeZone }\n  }\n"): (typeof documents)["\n  query WhoAmI {\n    me { user { id name } role permissions activeOrganisationId }\n    organisation { id name kind timeZone }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Assessments {\n    assessments(page: { first: 50 }) {\n      edges { node { id cycle status dueOn updatedAt submittedAt frameworkId completion { percent partsAnswered partsTotal } } }\n    }\n    frameworks { edges { node { id title version } } }\n  }\n"): (typeof documents)["\n  query Assessments {\n    assessments(page: { first: 50 }) {\n      edges { node { id cycle status dueOn updatedAt submittedAt frameworkId completion { percent partsAnswered partsTotal } } }\n    }\n    frameworks { edges { node { id title version } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAssessment($input: CreateAssessmentInput!) { createAssessment(input: $input) { id } }\n"): (typeof documents)["\n  mutation CreateAssessment($input: CreateAssessmentInput!) { createAssessment(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartNextCycle($input: StartNextCycleInput!) { startNextCycle(input: $input) { id } }\n"): (typeof documents)["\n  mutation StartNextCycle($input: StartNextCycleInput!) { startNextCycle(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LibraryForLinks {\n    evidenceLibrary(page: { first: 100 }) {\n      edges { node { id title url fileReference evidenceDate expiresOn links { assessmentId nodeKey } } }\n    }\n  }\n"): (typeof documents)["\n  query LibraryForLinks {\n    evidenceLibrary(page: { first: 100 }) {\n      edges { node { id title url fileReference evidenceDate expiresOn links { assessmentId nodeKey } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkEvidence($input: EvidenceLinkInput!) { linkEvidence(input: $input) { evidenceId nodeKey } }\n"): (typeof documents)["\n  mutation LinkEvidence($input: EvidenceLinkInput!) { linkEvidence(input: $input) { evidenceId nodeKey } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlinkEvidence($input: EvidenceLinkInput!) { unlinkEvidence(input: $input) }\n"): (typeof documents)["\n  mutation UnlinkEvidence($input: EvidenceLinkInput!) { unlinkEvidence(input: $input) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssessmentWork($id: ID!) {\n    assessment(id: $id) {\n      id cycle status dueOn submittedAt\n      submittedBy { name }\n      framework {\n        id title\n        source { title publisher attribution url }\n        scales {\n          practice { heading options { value label } }\n          evidence { heading options { value label } improvementFlag }\n        }\n        nodes {\n          key kind parentKey text answerScale\n          footnotes { number text }\n          guidance { guidanceKey title partnerType reason document source { attribution } }\n        }\n      }\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      myAnswers { nodeKey value areaForImprovement note updatedAt }\n      assessorAnswers { nodeKey value userId assessor { id name } }\n      disagreements { nodeKey consensus values { value people { id name } } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n      reopenings { id reason createdAt reopenedBy { name } }\n    }\n  }\n"): (typeof documents)["\n  query AssessmentWork($id: ID!) {\n    assessment(id: $id) {\n      id cycle status dueOn submittedAt\n      submittedBy { name }\n      framework {\n        id title\n        source { title publisher attribution url }\n        scales {\n          practice { heading options { value label } }\n          evidence { heading options { value label } improvementFlag }\n        }\n        nodes {\n          key kind parentKey text answerScale\n          footnotes { number text }\n          guidance { guidanceKey title partnerType reason document source { attribution } }\n        }\n      }\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      myAnswers { nodeKey value areaForImprovement note updatedAt }\n      assessorAnswers { nodeKey value userId assessor { id name } }\n      disagreements { nodeKey consensus values { value people { id name } } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n      reopenings { id reason createdAt reopenedBy { name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAnswers($input: AnswersInput!) {\n    recordAnswers(input: $input) { nodeKey value areaForImprovement note updatedAt }\n  }\n"): (typeof documents)["\n  mutation RecordAnswers($input: AnswersInput!) {\n    recordAnswers(input: $input) { nodeKey value areaForImprovement note updatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetConsensus($input: AnswersInput!) {\n    setConsensusAnswers(input: $input) {\n      id\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n    }\n  }\n"): (typeof documents)["\n  mutation SetConsensus($input: AnswersInput!) {\n    setConsensusAnswers(input: $input) {\n      id\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;