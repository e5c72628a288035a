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
    "\n  query WhoAmI {\n    me { user { id name } role permissions activeOrganisationId }\n    organisation { id name kind timeZone locale }\n  }\n": typeof types.WhoAmIDocument,
    "\n  query EvidenceLibrary {\n    evidenceLibrary(first: 100) {\n      totalCount\n      edges { node { id title url fileReference description evidenceDate expiresOn createdBy { name } links { assessmentId nodeKey } } }\n    }\n    assessments(first: 1) { edges { node { id frameworkId } } }\n  }\n": typeof types.EvidenceLibraryDocument,
    "\n  mutation CreateEvidence($input: EvidenceInput!) { createEvidence(input: $input) { id title } }\n": typeof types.CreateEvidenceDocument,
    "\n  mutation DeleteEvidence($id: ID!) { deleteEvidence(id: $id) }\n": typeof types.DeleteEvidenceDocument,
    "\n  query ExportAssessments { assessments(first: 50) { edges { node { id cycle status } } } }\n": typeof types.ExportAssessmentsDocument,
    "\n  query Assessments {\n    assessments(first: 50) {\n      edges { node { id cycle status dueOn updatedAt submittedAt frameworkId completion { partsAnswered partsTotal promptsAnswered promptsTotal } framework { id title version } newerVersions { id version } } }\n    }\n    frameworks { edges { node { id title version } } }\n  }\n": typeof types.AssessmentsDocument,
    "\n  mutation CreateAssessment($input: CreateAssessmentInput!) { createAssessment(input: $input) { id } }\n": typeof types.CreateAssessmentDocument,
    "\n  mutation StartNextCycle($input: StartNextCycleInput!) { startNextCycle(input: $input) { id } }\n": typeof types.StartNextCycleDocument,
    "\n  query Partners {\n    partners(first: 100) {\n      totalCount\n      edges { node { id name partnerType contactName contactEmail theyBring weBring status startDate nextReviewOn reviewIntervalDays links { nodeKey } } }\n    }\n  }\n": typeof types.PartnersDocument,
    "\n  mutation CreatePartner($input: CreatePartnerInput!) { createPartner(input: $input) { id name } }\n": typeof types.CreatePartnerDocument,
    "\n  mutation ReviewPartner($id: ID!) { reviewPartner(id: $id) { id nextReviewOn updatedAt } }\n": typeof types.ReviewPartnerDocument,
    "\n  query Progress {\n    progress {\n      assessmentId cycle status practice evidence complete\n      elements { elementKey practice evidence }\n      plan { items done open overdue dropped carried resolvedByAssessment medianDaysToDone }\n      frameworkId\n    }\n  }\n": typeof types.ProgressDocument,
    "\n  query SsoDiscovery($email: String!) { ssoDiscovery(email: $email) { organisationName protocol startUrl } }\n": typeof types.SsoDiscoveryDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }\n": typeof types.ChangePasswordDocument,
    "\n  mutation SignOutEverywhere { signOutEverywhere }\n": typeof types.SignOutEverywhereDocument,
    "\n  mutation EraseMyAccount($password: String!) { eraseMyAccount(password: $password) }\n": typeof types.EraseMyAccountDocument,
    "\n  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation AcceptInvitation($token: String!, $name: String, $password: String) {\n    acceptInvitation(token: $token, name: $name, password: $password) { ...AuthPayloadFields }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) { ...AuthPayloadFields }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  query SecondFactorStatus { secondFactor { enabled enabledAt recoveryCodesLeft } }\n": typeof types.SecondFactorStatusDocument,
    "\n  mutation BeginSecondFactorSetup { beginSecondFactorSetup { secret uri } }\n": typeof types.BeginSecondFactorSetupDocument,
    "\n  mutation ConfirmSecondFactor($code: String!) { confirmSecondFactor(code: $code) { codes } }\n": typeof types.ConfirmSecondFactorDocument,
    "\n  mutation DisableSecondFactor($code: String, $password: String) { disableSecondFactor(code: $code, password: $password) }\n": typeof types.DisableSecondFactorDocument,
    "\n  mutation FinishSsoSignIn($code: String!) {\n    finishSsoSignIn(code: $code) { ...AuthPayloadFields }\n  }\n": typeof types.FinishSsoSignInDocument,
    "\n  fragment AuthPayloadFields on AuthPayload {\n    token\n    expiresAt\n    secondFactorChallenge\n    user { id name email }\n    memberships { role organisation { id name slug kind } }\n  }\n": typeof types.AuthPayloadFieldsFragmentDoc,
    "\n  mutation SignOut { signOut }\n": typeof types.SignOutDocument,
    "\n  query AssessmentChanges($id: ID!) {\n    assessment(id: $id) {\n      id cycle status\n      framework { id title version }\n      previous { id cycle framework { id version } }\n      changesSincePrevious { kind nodeKind fromKey toKeys before after }\n      answers { nodeKey needsReview }\n    }\n  }\n": typeof types.AssessmentChangesDocument,
    "\n  query LibraryForLinks {\n    evidenceLibrary(first: 100) {\n      edges { node { id title url fileReference evidenceDate expiresOn links { assessmentId nodeKey } } }\n    }\n  }\n": typeof types.LibraryForLinksDocument,
    "\n  mutation LinkEvidence($input: EvidenceLinkInput!) { linkEvidence(input: $input) { evidenceId nodeKey } }\n": typeof types.LinkEvidenceDocument,
    "\n  mutation UnlinkEvidence($input: EvidenceLinkInput!) { unlinkEvidence(input: $input) }\n": typeof types.UnlinkEvidenceDocument,
    "\n  query AssessmentScores($id: ID!) {\n    assessment(id: $id) {\n      id cycle status\n      framework { nodes { key kind text title } }\n      scores {\n        practice evidence complete unsupportedClaims\n        elements {\n          elementKey practice evidence complete unsupportedClaim partsAnswered partsTotal\n          promptsYes promptsNo promptsNotApplicable promptsUnanswered\n          actions { actionKey practice complete }\n        }\n      }\n    }\n  }\n": typeof types.AssessmentScoresDocument,
    "\n  mutation SubmitAssessment($id: ID!) { submitAssessment(id: $id) { id status submittedAt submittedBy { name } } }\n": typeof types.SubmitAssessmentDocument,
    "\n  mutation ReopenAssessment($id: ID!, $reason: String!) { reopenAssessment(id: $id, reason: $reason) { id status reopenings { id reason createdAt reopenedBy { name } } } }\n": typeof types.ReopenAssessmentDocument,
    "\n  mutation GeneratePlan($assessmentId: ID!) {\n    generateActionPlan(assessmentId: $assessmentId) { created refreshed reopened resolved followedDecisions plan { id generatedAt } }\n  }\n": typeof types.GeneratePlanDocument,
    "\n  mutation AdoptAgreed($id: ID!) { adoptAgreedAnswers(id: $id) { id completion { partsAnswered partsTotal promptsAnswered promptsTotal } } }\n": typeof types.AdoptAgreedDocument,
    "\n  query AssessmentWork($id: ID!) {\n    assessment(id: $id) {\n      id cycle status dueOn submittedAt\n      submittedBy { name }\n      framework {\n        id title\n        source { title publisher attribution url }\n        scales {\n          practice { heading options { value label } }\n          evidence { heading options { value label } improvementFlag }\n        }\n        nodes {\n          key kind parentKey text title todo answerScale\n          footnotes { number text }\n          guidance { guidanceKey title partnerType reason document source { attribution } }\n        }\n      }\n      answers { nodeKey value areaForImprovement note updatedAt needsReview setBy { id name } }\n      myAnswers { nodeKey value areaForImprovement note updatedAt }\n      assessorAnswers { nodeKey value userId assessor { id name } }\n      disagreements { nodeKey consensus values { value people { id name } } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n      reopenings { id reason createdAt reopenedBy { name } }\n    }\n  }\n": typeof types.AssessmentWorkDocument,
    "\n  mutation RecordAnswers($input: AnswersInput!) {\n    recordAnswers(input: $input) { nodeKey value areaForImprovement note updatedAt }\n  }\n": typeof types.RecordAnswersDocument,
    "\n  mutation SetConsensus($input: AnswersInput!) {\n    setConsensusAnswers(input: $input) {\n      id\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n    }\n  }\n": typeof types.SetConsensusDocument,
    "\n  query InstitutionBenchmarks {\n    benchmarks {\n      snapshot { takenAt protectionPoints }\n      asOf reason\n      own { submittedAt counted practice evidence frameworkVersion }\n      cohorts {\n        key dimension label published members asOf reason\n        figures { scope practice { published n mean asOf reason } evidence { published n mean asOf reason } }\n        mine { scope measure value cohortMean difference reason }\n      }\n    }\n  }\n": typeof types.InstitutionBenchmarksDocument,
    "\n  query MyNetworkMemberships {\n    networkMemberships(first: 50) {\n      edges { node { id status invitedAt respondedAt networkName body { id name } } }\n    }\n  }\n": typeof types.MyNetworkMembershipsDocument,
    "mutation AcceptNetworkInvitation($id: ID!) { acceptNetworkInvitation(membershipId: $id) { id status respondedAt } }": typeof types.AcceptNetworkInvitationDocument,
    "mutation DeclineNetworkInvitation($id: ID!) { declineNetworkInvitation(membershipId: $id) { id status respondedAt } }": typeof types.DeclineNetworkInvitationDocument,
    "mutation LeaveNetwork($id: ID!) { leaveNetwork(membershipId: $id) { id status respondedAt } }": typeof types.LeaveNetworkDocument,
    "\n  query BodyNetworks {\n    networks(first: 50) { edges { node { id name memberCount } } }\n  }\n": typeof types.BodyNetworksDocument,
    "\n  query NetworkMembers($id: ID!) {\n    network(id: $id) {\n      id name memberCount\n      members(first: 100) {\n        totalCount\n        edges { node { id status invitedAt respondedAt institution { id name kind region } } }\n      }\n    }\n  }\n": typeof types.NetworkMembersDocument,
    "\n  query InstitutionDirectory($search: String) {\n    institutionDirectory(search: $search, first: 20) { edges { node { id name kind region } } }\n  }\n": typeof types.InstitutionDirectoryDocument,
    "\n  mutation InviteToNetwork($networkId: ID!, $organisationId: ID!) {\n    inviteToNetwork(networkId: $networkId, organisationId: $organisationId) { id status institution { id name } }\n  }\n": typeof types.InviteToNetworkDocument,
    "\n  mutation RemoveFromNetwork($membershipId: ID!) { removeFromNetwork(membershipId: $membershipId) { id status respondedAt } }\n": typeof types.RemoveFromNetworkDocument,
    "\n  query RegionalDashboard {\n    regionBenchmarks {\n      snapshot { id takenAt trigger protectionPoints }\n      asOf reason region\n      overall { key label published members asOf reason }\n      weakestElements { elementKey title practice { n mean } }\n      weakestParts { partKey text answered yes started no }\n      byKind {\n        key label published members asOf reason\n        figures { scope practice { n mean reason } }\n      }\n      trend { takenAt members practice { mean } evidence { mean } }\n    }\n    networks(first: 50) { edges { node { id name memberCount } } }\n  }\n": typeof types.RegionalDashboardDocument,
    "\n  query NetworkHeatmap($networkId: ID!) {\n    networkHeatmap(networkId: $networkId) {\n      asOf reason\n      network { id name }\n      scopes\n      rows { label named organisationId members cells { scope practice evidence } }\n      counts { members counted named others leftOut }\n    }\n  }\n": typeof types.NetworkHeatmapDocument,
    "\n  query FrameworkWords($id: ID!) { framework(id: $id) { id nodes { key kind text title todo } } }\n": typeof types.FrameworkWordsDocument,
    "\n  fragment ImportReportFields on ImportReport {\n    kind fileName format dryRun saved rowCount added changed unchanged columnsRead columnsIgnored errorRows\n    rows { row action id label changes { column before after } }\n    errors { row column code message }\n  }\n": typeof types.ImportReportFieldsFragmentDoc,
    "\n  mutation ImportPartners($input: ImportInput!) { importPartners(input: $input) { ...ImportReportFields } }\n": typeof types.ImportPartnersDocument,
    "\n  mutation ImportEvidence($input: ImportInput!) { importEvidence(input: $input) { ...ImportReportFields } }\n": typeof types.ImportEvidenceDocument,
    "\n  mutation ImportAnswers($input: AssessmentImportInput!) { importAnswers(input: $input) { ...ImportReportFields } }\n": typeof types.ImportAnswersDocument,
    "\n  mutation ImportActionItems($input: AssessmentImportInput!) { importActionItems(input: $input) { ...ImportReportFields } }\n": typeof types.ImportActionItemsDocument,
    "\n  query ImportLayoutColumns($kind: ImportKind!) {\n    importLayout(kind: $kind) { keyColumn columns { name required blankAllowed type allowedValues description example } ignoredColumns }\n  }\n": typeof types.ImportLayoutColumnsDocument,
    "\n  query ImportAssessments { assessments(first: 50) { edges { node { id cycle status } } } }\n": typeof types.ImportAssessmentsDocument,
    "\n  query ItemDetail($id: ID!) {\n    actionItem(id: $id) {\n      id assessmentId cycle itemKey kind nodeKey elementKey what why priority priorityReason target status\n      dueOn reviewIntervalDays nextReviewOn resources successMeasure doneAt persistsAfterDone updatedAt\n      owner { id name }\n      guidance { guidanceKey title reason }\n      footnotes { number text }\n      notes { id body statusFrom statusTo createdAt author { name } }\n      evidence { id title }\n      carriedFrom { id cycle status }\n      carriedTo { id cycle status }\n      previousDecision { id cycle status }\n      history { id cycle status what }\n    }\n    members(first: 100) { edges { node { id role user { id name } } } }\n    assessments(first: 50) { edges { node { id frameworkId } } }\n  }\n": typeof types.ItemDetailDocument,
    "\n  mutation AddItemNote($id: ID!, $body: String!) { addActionItemNote(id: $id, body: $body) { id body createdAt author { name } } }\n": typeof types.AddItemNoteDocument,
    "\n  mutation UpdateItem($id: ID!, $input: UpdateActionItemInput!) {\n    updateActionItem(id: $id, input: $input) { id dueOn reviewIntervalDays nextReviewOn resources successMeasure owner { id name } }\n  }\n": typeof types.UpdateItemDocument,
    "\n  query PlanItems($filter: ActionItemFilter!, $sort: ActionItemSort!) {\n    actionItems(filter: $filter, sort: $sort, first: 100) {\n      totalCount\n      edges {\n        node {\n          id priority what elementKey nodeKey assessmentId status dueOn nextReviewOn cycle kind persistsAfterDone\n          owner { id name }\n          carriedFrom { id cycle }\n          previousDecision { id cycle status }\n        }\n      }\n    }\n    assessments(first: 20) { edges { node { id cycle frameworkId } } }\n  }\n": typeof types.PlanItemsDocument,
    "\n  mutation ChangeItemStatus($id: ID!, $status: ActionItemStatus!, $note: String) {\n    changeActionItemStatus(id: $id, status: $status, note: $note) { id status updatedAt notes { id body statusFrom statusTo createdAt author { name } } }\n  }\n": typeof types.ChangeItemStatusDocument,
    "\n  query ApiKeys { apiKeys(first: 100) { edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } } } }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($name: String!, $scopes: [String!]!) { createApiKey(name: $name, scopes: $scopes) { secret apiKey { id name prefix scopes createdAt } } }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n": typeof types.RevokeApiKeyDocument,
    "\n  query Members {\n    members(first: 100) { totalCount edges { node { id role createdAt user { id name email } } } }\n    invitations(first: 50) { edges { node { id email role createdAt expiresAt acceptedAt revokedAt sends } } }\n  }\n": typeof types.MembersDocument,
    "\n  mutation ChangeRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }\n": typeof types.ChangeRoleDocument,
    "\n  mutation Invite($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id email role expiresAt } }\n": typeof types.InviteDocument,
    "\n  mutation ResendInvitation($id: ID!) { resendInvitation(id: $id) { id expiresAt sends } }\n": typeof types.ResendInvitationDocument,
    "\n  mutation ErasePerson($membershipId: ID!) { erasePerson(membershipId: $membershipId) { id label } }\n": typeof types.ErasePersonDocument,
    "\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id revokedAt } }\n": typeof types.RevokeInvitationDocument,
    "\n  query NotificationSettings { notificationPreference { frequency updatedAt } calendarFeed { createdAt lastUsedAt } }\n": typeof types.NotificationSettingsDocument,
    "\n  mutation SetNotificationPreference($frequency: NotificationFrequency!) { setNotificationPreference(frequency: $frequency) { frequency updatedAt } }\n": typeof types.SetNotificationPreferenceDocument,
    "\n  mutation CreateCalendarFeed { createCalendarFeed { url createdAt } }\n": typeof types.CreateCalendarFeedDocument,
    "\n  mutation RevokeCalendarFeed { revokeCalendarFeed }\n": typeof types.RevokeCalendarFeedDocument,
    "\n  mutation DeleteOrganisation($confirmName: String!, $exportDeclined: Boolean!) {\n    deleteOrganisation(confirmName: $confirmName, exportDeclined: $exportDeclined) { organisationId rowsErased }\n  }\n": typeof types.DeleteOrganisationDocument,
    "\n  query SecondFactorRequirement { organisation { id requireSecondFactor } }\n": typeof types.SecondFactorRequirementDocument,
    "\n  mutation SetSecondFactorRequirement($required: Boolean!) { setSecondFactorRequirement(required: $required) { id requireSecondFactor } }\n": typeof types.SetSecondFactorRequirementDocument,
    "\n  query SsoSettings {\n    ssoSettings {\n      protocol enabled oidcIssuer oidcClientId oidcClientSecretSet samlEntryPoint samlIdpIssuer samlCertificate\n      allowedDomains defaultRole ssoRequired breakGlassEmail oidcCallbackUrl samlAcsUrl samlEntityId updatedAt\n    }\n  }\n": typeof types.SsoSettingsDocument,
    "\n  mutation ConfigureSso($input: ConfigureSsoInput!) {\n    configureSso(input: $input) {\n      protocol enabled oidcIssuer oidcClientId oidcClientSecretSet samlEntryPoint samlIdpIssuer samlCertificate\n      allowedDomains defaultRole ssoRequired breakGlassEmail oidcCallbackUrl samlAcsUrl samlEntityId updatedAt\n    }\n  }\n": typeof types.ConfigureSsoDocument,
    "\n  query WebhookEndpoints {\n    webhookEndpoints(first: 100) { totalCount edges { node { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n    webhookDeadLetters(first: 100) {\n      totalCount\n      edges { node { id endpointUrl eventType attempts lastStatusCode lastError lastAttemptAt deadAt redeliveries } }\n    }\n  }\n": typeof types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } }\n": typeof types.UpdateWebhookEndpointDocument,
    "\n  mutation RotateWebhookSecret($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n": typeof types.RotateWebhookSecretDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }\n": typeof types.DeleteWebhookEndpointDocument,
    "\n  mutation RedeliverWebhook($id: ID!) { redeliverWebhook(id: $id) { id status attempts redeliveries } }\n": typeof types.RedeliverWebhookDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      secondFactorChallenge\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation CompleteSignIn($challenge: String!, $code: String!) {\n    completeSignIn(challenge: $challenge, code: $code) {\n      token\n      expiresAt\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n": typeof types.CompleteSignInDocument,
};
const documents: Documents = {
    "\n  query WhoAmI {\n    me { user { id name } role permissions activeOrganisationId }\n    organisation { id name kind timeZone locale }\n  }\n": types.WhoAmIDocument,
    "\n  query EvidenceLibrary {\n    evidenceLibrary(first: 100) {\n      totalCount\n      edges { node { id title url fileReference description evidenceDate expiresOn createdBy { name } links { assessmentId nodeKey } } }\n    }\n    assessments(first: 1) { edges { node { id frameworkId } } }\n  }\n": types.EvidenceLibraryDocument,
    "\n  mutation CreateEvidence($input: EvidenceInput!) { createEvidence(input: $input) { id title } }\n": types.CreateEvidenceDocument,
    "\n  mutation DeleteEvidence($id: ID!) { deleteEvidence(id: $id) }\n": types.DeleteEvidenceDocument,
    "\n  query ExportAssessments { assessments(first: 50) { edges { node { id cycle status } } } }\n": types.ExportAssessmentsDocument,
    "\n  query Assessments {\n    assessments(first: 50) {\n      edges { node { id cycle status dueOn updatedAt submittedAt frameworkId completion { partsAnswered partsTotal promptsAnswered promptsTotal } framework { id title version } newerVersions { id version } } }\n    }\n    frameworks { edges { node { id title version } } }\n  }\n": types.AssessmentsDocument,
    "\n  mutation CreateAssessment($input: CreateAssessmentInput!) { createAssessment(input: $input) { id } }\n": types.CreateAssessmentDocument,
    "\n  mutation StartNextCycle($input: StartNextCycleInput!) { startNextCycle(input: $input) { id } }\n": types.StartNextCycleDocument,
    "\n  query Partners {\n    partners(first: 100) {\n      totalCount\n      edges { node { id name partnerType contactName contactEmail theyBring weBring status startDate nextReviewOn reviewIntervalDays links { nodeKey } } }\n    }\n  }\n": types.PartnersDocument,
    "\n  mutation CreatePartner($input: CreatePartnerInput!) { createPartner(input: $input) { id name } }\n": types.CreatePartnerDocument,
    "\n  mutation ReviewPartner($id: ID!) { reviewPartner(id: $id) { id nextReviewOn updatedAt } }\n": types.ReviewPartnerDocument,
    "\n  query Progress {\n    progress {\n      assessmentId cycle status practice evidence complete\n      elements { elementKey practice evidence }\n      plan { items done open overdue dropped carried resolvedByAssessment medianDaysToDone }\n      frameworkId\n    }\n  }\n": types.ProgressDocument,
    "\n  query SsoDiscovery($email: String!) { ssoDiscovery(email: $email) { organisationName protocol startUrl } }\n": types.SsoDiscoveryDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }\n": types.ChangePasswordDocument,
    "\n  mutation SignOutEverywhere { signOutEverywhere }\n": types.SignOutEverywhereDocument,
    "\n  mutation EraseMyAccount($password: String!) { eraseMyAccount(password: $password) }\n": types.EraseMyAccountDocument,
    "\n  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }\n": types.RequestPasswordResetDocument,
    "\n  mutation AcceptInvitation($token: String!, $name: String, $password: String) {\n    acceptInvitation(token: $token, name: $name, password: $password) { ...AuthPayloadFields }\n  }\n": types.AcceptInvitationDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) { ...AuthPayloadFields }\n  }\n": types.ResetPasswordDocument,
    "\n  query SecondFactorStatus { secondFactor { enabled enabledAt recoveryCodesLeft } }\n": types.SecondFactorStatusDocument,
    "\n  mutation BeginSecondFactorSetup { beginSecondFactorSetup { secret uri } }\n": types.BeginSecondFactorSetupDocument,
    "\n  mutation ConfirmSecondFactor($code: String!) { confirmSecondFactor(code: $code) { codes } }\n": types.ConfirmSecondFactorDocument,
    "\n  mutation DisableSecondFactor($code: String, $password: String) { disableSecondFactor(code: $code, password: $password) }\n": types.DisableSecondFactorDocument,
    "\n  mutation FinishSsoSignIn($code: String!) {\n    finishSsoSignIn(code: $code) { ...AuthPayloadFields }\n  }\n": types.FinishSsoSignInDocument,
    "\n  fragment AuthPayloadFields on AuthPayload {\n    token\n    expiresAt\n    secondFactorChallenge\n    user { id name email }\n    memberships { role organisation { id name slug kind } }\n  }\n": types.AuthPayloadFieldsFragmentDoc,
    "\n  mutation SignOut { signOut }\n": types.SignOutDocument,
    "\n  query AssessmentChanges($id: ID!) {\n    assessment(id: $id) {\n      id cycle status\n      framework { id title version }\n      previous { id cycle framework { id version } }\n      changesSincePrevious { kind nodeKind fromKey toKeys before after }\n      answers { nodeKey needsReview }\n    }\n  }\n": types.AssessmentChangesDocument,
    "\n  query LibraryForLinks {\n    evidenceLibrary(first: 100) {\n      edges { node { id title url fileReference evidenceDate expiresOn links { assessmentId nodeKey } } }\n    }\n  }\n": types.LibraryForLinksDocument,
    "\n  mutation LinkEvidence($input: EvidenceLinkInput!) { linkEvidence(input: $input) { evidenceId nodeKey } }\n": types.LinkEvidenceDocument,
    "\n  mutation UnlinkEvidence($input: EvidenceLinkInput!) { unlinkEvidence(input: $input) }\n": types.UnlinkEvidenceDocument,
    "\n  query AssessmentScores($id: ID!) {\n    assessment(id: $id) {\n      id cycle status\n      framework { nodes { key kind text title } }\n      scores {\n        practice evidence complete unsupportedClaims\n        elements {\n          elementKey practice evidence complete unsupportedClaim partsAnswered partsTotal\n          promptsYes promptsNo promptsNotApplicable promptsUnanswered\n          actions { actionKey practice complete }\n        }\n      }\n    }\n  }\n": types.AssessmentScoresDocument,
    "\n  mutation SubmitAssessment($id: ID!) { submitAssessment(id: $id) { id status submittedAt submittedBy { name } } }\n": types.SubmitAssessmentDocument,
    "\n  mutation ReopenAssessment($id: ID!, $reason: String!) { reopenAssessment(id: $id, reason: $reason) { id status reopenings { id reason createdAt reopenedBy { name } } } }\n": types.ReopenAssessmentDocument,
    "\n  mutation GeneratePlan($assessmentId: ID!) {\n    generateActionPlan(assessmentId: $assessmentId) { created refreshed reopened resolved followedDecisions plan { id generatedAt } }\n  }\n": types.GeneratePlanDocument,
    "\n  mutation AdoptAgreed($id: ID!) { adoptAgreedAnswers(id: $id) { id completion { partsAnswered partsTotal promptsAnswered promptsTotal } } }\n": types.AdoptAgreedDocument,
    "\n  query AssessmentWork($id: ID!) {\n    assessment(id: $id) {\n      id cycle status dueOn submittedAt\n      submittedBy { name }\n      framework {\n        id title\n        source { title publisher attribution url }\n        scales {\n          practice { heading options { value label } }\n          evidence { heading options { value label } improvementFlag }\n        }\n        nodes {\n          key kind parentKey text title todo answerScale\n          footnotes { number text }\n          guidance { guidanceKey title partnerType reason document source { attribution } }\n        }\n      }\n      answers { nodeKey value areaForImprovement note updatedAt needsReview setBy { id name } }\n      myAnswers { nodeKey value areaForImprovement note updatedAt }\n      assessorAnswers { nodeKey value userId assessor { id name } }\n      disagreements { nodeKey consensus values { value people { id name } } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n      reopenings { id reason createdAt reopenedBy { name } }\n    }\n  }\n": types.AssessmentWorkDocument,
    "\n  mutation RecordAnswers($input: AnswersInput!) {\n    recordAnswers(input: $input) { nodeKey value areaForImprovement note updatedAt }\n  }\n": types.RecordAnswersDocument,
    "\n  mutation SetConsensus($input: AnswersInput!) {\n    setConsensusAnswers(input: $input) {\n      id\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n    }\n  }\n": types.SetConsensusDocument,
    "\n  query InstitutionBenchmarks {\n    benchmarks {\n      snapshot { takenAt protectionPoints }\n      asOf reason\n      own { submittedAt counted practice evidence frameworkVersion }\n      cohorts {\n        key dimension label published members asOf reason\n        figures { scope practice { published n mean asOf reason } evidence { published n mean asOf reason } }\n        mine { scope measure value cohortMean difference reason }\n      }\n    }\n  }\n": types.InstitutionBenchmarksDocument,
    "\n  query MyNetworkMemberships {\n    networkMemberships(first: 50) {\n      edges { node { id status invitedAt respondedAt networkName body { id name } } }\n    }\n  }\n": types.MyNetworkMembershipsDocument,
    "mutation AcceptNetworkInvitation($id: ID!) { acceptNetworkInvitation(membershipId: $id) { id status respondedAt } }": types.AcceptNetworkInvitationDocument,
    "mutation DeclineNetworkInvitation($id: ID!) { declineNetworkInvitation(membershipId: $id) { id status respondedAt } }": types.DeclineNetworkInvitationDocument,
    "mutation LeaveNetwork($id: ID!) { leaveNetwork(membershipId: $id) { id status respondedAt } }": types.LeaveNetworkDocument,
    "\n  query BodyNetworks {\n    networks(first: 50) { edges { node { id name memberCount } } }\n  }\n": types.BodyNetworksDocument,
    "\n  query NetworkMembers($id: ID!) {\n    network(id: $id) {\n      id name memberCount\n      members(first: 100) {\n        totalCount\n        edges { node { id status invitedAt respondedAt institution { id name kind region } } }\n      }\n    }\n  }\n": types.NetworkMembersDocument,
    "\n  query InstitutionDirectory($search: String) {\n    institutionDirectory(search: $search, first: 20) { edges { node { id name kind region } } }\n  }\n": types.InstitutionDirectoryDocument,
    "\n  mutation InviteToNetwork($networkId: ID!, $organisationId: ID!) {\n    inviteToNetwork(networkId: $networkId, organisationId: $organisationId) { id status institution { id name } }\n  }\n": types.InviteToNetworkDocument,
    "\n  mutation RemoveFromNetwork($membershipId: ID!) { removeFromNetwork(membershipId: $membershipId) { id status respondedAt } }\n": types.RemoveFromNetworkDocument,
    "\n  query RegionalDashboard {\n    regionBenchmarks {\n      snapshot { id takenAt trigger protectionPoints }\n      asOf reason region\n      overall { key label published members asOf reason }\n      weakestElements { elementKey title practice { n mean } }\n      weakestParts { partKey text answered yes started no }\n      byKind {\n        key label published members asOf reason\n        figures { scope practice { n mean reason } }\n      }\n      trend { takenAt members practice { mean } evidence { mean } }\n    }\n    networks(first: 50) { edges { node { id name memberCount } } }\n  }\n": types.RegionalDashboardDocument,
    "\n  query NetworkHeatmap($networkId: ID!) {\n    networkHeatmap(networkId: $networkId) {\n      asOf reason\n      network { id name }\n      scopes\n      rows { label named organisationId members cells { scope practice evidence } }\n      counts { members counted named others leftOut }\n    }\n  }\n": types.NetworkHeatmapDocument,
    "\n  query FrameworkWords($id: ID!) { framework(id: $id) { id nodes { key kind text title todo } } }\n": types.FrameworkWordsDocument,
    "\n  fragment ImportReportFields on ImportReport {\n    kind fileName format dryRun saved rowCount added changed unchanged columnsRead columnsIgnored errorRows\n    rows { row action id label changes { column before after } }\n    errors { row column code message }\n  }\n": types.ImportReportFieldsFragmentDoc,
    "\n  mutation ImportPartners($input: ImportInput!) { importPartners(input: $input) { ...ImportReportFields } }\n": types.ImportPartnersDocument,
    "\n  mutation ImportEvidence($input: ImportInput!) { importEvidence(input: $input) { ...ImportReportFields } }\n": types.ImportEvidenceDocument,
    "\n  mutation ImportAnswers($input: AssessmentImportInput!) { importAnswers(input: $input) { ...ImportReportFields } }\n": types.ImportAnswersDocument,
    "\n  mutation ImportActionItems($input: AssessmentImportInput!) { importActionItems(input: $input) { ...ImportReportFields } }\n": types.ImportActionItemsDocument,
    "\n  query ImportLayoutColumns($kind: ImportKind!) {\n    importLayout(kind: $kind) { keyColumn columns { name required blankAllowed type allowedValues description example } ignoredColumns }\n  }\n": types.ImportLayoutColumnsDocument,
    "\n  query ImportAssessments { assessments(first: 50) { edges { node { id cycle status } } } }\n": types.ImportAssessmentsDocument,
    "\n  query ItemDetail($id: ID!) {\n    actionItem(id: $id) {\n      id assessmentId cycle itemKey kind nodeKey elementKey what why priority priorityReason target status\n      dueOn reviewIntervalDays nextReviewOn resources successMeasure doneAt persistsAfterDone updatedAt\n      owner { id name }\n      guidance { guidanceKey title reason }\n      footnotes { number text }\n      notes { id body statusFrom statusTo createdAt author { name } }\n      evidence { id title }\n      carriedFrom { id cycle status }\n      carriedTo { id cycle status }\n      previousDecision { id cycle status }\n      history { id cycle status what }\n    }\n    members(first: 100) { edges { node { id role user { id name } } } }\n    assessments(first: 50) { edges { node { id frameworkId } } }\n  }\n": types.ItemDetailDocument,
    "\n  mutation AddItemNote($id: ID!, $body: String!) { addActionItemNote(id: $id, body: $body) { id body createdAt author { name } } }\n": types.AddItemNoteDocument,
    "\n  mutation UpdateItem($id: ID!, $input: UpdateActionItemInput!) {\n    updateActionItem(id: $id, input: $input) { id dueOn reviewIntervalDays nextReviewOn resources successMeasure owner { id name } }\n  }\n": types.UpdateItemDocument,
    "\n  query PlanItems($filter: ActionItemFilter!, $sort: ActionItemSort!) {\n    actionItems(filter: $filter, sort: $sort, first: 100) {\n      totalCount\n      edges {\n        node {\n          id priority what elementKey nodeKey assessmentId status dueOn nextReviewOn cycle kind persistsAfterDone\n          owner { id name }\n          carriedFrom { id cycle }\n          previousDecision { id cycle status }\n        }\n      }\n    }\n    assessments(first: 20) { edges { node { id cycle frameworkId } } }\n  }\n": types.PlanItemsDocument,
    "\n  mutation ChangeItemStatus($id: ID!, $status: ActionItemStatus!, $note: String) {\n    changeActionItemStatus(id: $id, status: $status, note: $note) { id status updatedAt notes { id body statusFrom statusTo createdAt author { name } } }\n  }\n": types.ChangeItemStatusDocument,
    "\n  query ApiKeys { apiKeys(first: 100) { edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } } } }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($name: String!, $scopes: [String!]!) { createApiKey(name: $name, scopes: $scopes) { secret apiKey { id name prefix scopes createdAt } } }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n": types.RevokeApiKeyDocument,
    "\n  query Members {\n    members(first: 100) { totalCount edges { node { id role createdAt user { id name email } } } }\n    invitations(first: 50) { edges { node { id email role createdAt expiresAt acceptedAt revokedAt sends } } }\n  }\n": types.MembersDocument,
    "\n  mutation ChangeRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }\n": types.ChangeRoleDocument,
    "\n  mutation Invite($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id email role expiresAt } }\n": types.InviteDocument,
    "\n  mutation ResendInvitation($id: ID!) { resendInvitation(id: $id) { id expiresAt sends } }\n": types.ResendInvitationDocument,
    "\n  mutation ErasePerson($membershipId: ID!) { erasePerson(membershipId: $membershipId) { id label } }\n": types.ErasePersonDocument,
    "\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id revokedAt } }\n": types.RevokeInvitationDocument,
    "\n  query NotificationSettings { notificationPreference { frequency updatedAt } calendarFeed { createdAt lastUsedAt } }\n": types.NotificationSettingsDocument,
    "\n  mutation SetNotificationPreference($frequency: NotificationFrequency!) { setNotificationPreference(frequency: $frequency) { frequency updatedAt } }\n": types.SetNotificationPreferenceDocument,
    "\n  mutation CreateCalendarFeed { createCalendarFeed { url createdAt } }\n": types.CreateCalendarFeedDocument,
    "\n  mutation RevokeCalendarFeed { revokeCalendarFeed }\n": types.RevokeCalendarFeedDocument,
    "\n  mutation DeleteOrganisation($confirmName: String!, $exportDeclined: Boolean!) {\n    deleteOrganisation(confirmName: $confirmName, exportDeclined: $exportDeclined) { organisationId rowsErased }\n  }\n": types.DeleteOrganisationDocument,
    "\n  query SecondFactorRequirement { organisation { id requireSecondFactor } }\n": types.SecondFactorRequirementDocument,
    "\n  mutation SetSecondFactorRequirement($required: Boolean!) { setSecondFactorRequirement(required: $required) { id requireSecondFactor } }\n": types.SetSecondFactorRequirementDocument,
    "\n  query SsoSettings {\n    ssoSettings {\n      protocol enabled oidcIssuer oidcClientId oidcClientSecretSet samlEntryPoint samlIdpIssuer samlCertificate\n      allowedDomains defaultRole ssoRequired breakGlassEmail oidcCallbackUrl samlAcsUrl samlEntityId updatedAt\n    }\n  }\n": types.SsoSettingsDocument,
    "\n  mutation ConfigureSso($input: ConfigureSsoInput!) {\n    configureSso(input: $input) {\n      protocol enabled oidcIssuer oidcClientId oidcClientSecretSet samlEntryPoint samlIdpIssuer samlCertificate\n      allowedDomains defaultRole ssoRequired breakGlassEmail oidcCallbackUrl samlAcsUrl samlEntityId updatedAt\n    }\n  }\n": types.ConfigureSsoDocument,
    "\n  query WebhookEndpoints {\n    webhookEndpoints(first: 100) { totalCount edges { node { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n    webhookDeadLetters(first: 100) {\n      totalCount\n      edges { node { id endpointUrl eventType attempts lastStatusCode lastError lastAttemptAt deadAt redeliveries } }\n    }\n  }\n": types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } }\n": types.UpdateWebhookEndpointDocument,
    "\n  mutation RotateWebhookSecret($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n": types.RotateWebhookSecretDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }\n": types.DeleteWebhookEndpointDocument,
    "\n  mutation RedeliverWebhook($id: ID!) { redeliverWebhook(id: $id) { id status attempts redeliveries } }\n": types.RedeliverWebhookDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      secondFactorChallenge\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation CompleteSignIn($challenge: String!, $code: String!) {\n    completeSignIn(challenge: $challenge, code: $code) {\n      token\n      expiresAt\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n": types.CompleteSignInDocument,
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
export function graphql(source: "\n  query WhoAmI {\n    me { user { id name } role permissions activeOrganisationId }\n    organisation { id name kind timeZone locale }\n  }\n"): (typeof documents)["\n  query WhoAmI {\n    me { user { id name } role permissions activeOrganisationId }\n    organisation { id name kind timeZone locale }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvidenceLibrary {\n    evidenceLibrary(first: 100) {\n      totalCount\n      edges { node { id title url fileReference description evidenceDate expiresOn createdBy { name } links { assessmentId nodeKey } } }\n    }\n    assessments(first: 1) { edges { node { id frameworkId } } }\n  }\n"): (typeof documents)["\n  query EvidenceLibrary {\n    evidenceLibrary(first: 100) {\n      totalCount\n      edges { node { id title url fileReference description evidenceDate expiresOn createdBy { name } links { assessmentId nodeKey } } }\n    }\n    assessments(first: 1) { edges { node { id frameworkId } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEvidence($input: EvidenceInput!) { createEvidence(input: $input) { id title } }\n"): (typeof documents)["\n  mutation CreateEvidence($input: EvidenceInput!) { createEvidence(input: $input) { id title } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteEvidence($id: ID!) { deleteEvidence(id: $id) }\n"): (typeof documents)["\n  mutation DeleteEvidence($id: ID!) { deleteEvidence(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportAssessments { assessments(first: 50) { edges { node { id cycle status } } } }\n"): (typeof documents)["\n  query ExportAssessments { assessments(first: 50) { edges { node { id cycle status } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Assessments {\n    assessments(first: 50) {\n      edges { node { id cycle status dueOn updatedAt submittedAt frameworkId completion { partsAnswered partsTotal promptsAnswered promptsTotal } framework { id title version } newerVersions { id version } } }\n    }\n    frameworks { edges { node { id title version } } }\n  }\n"): (typeof documents)["\n  query Assessments {\n    assessments(first: 50) {\n      edges { node { id cycle status dueOn updatedAt submittedAt frameworkId completion { partsAnswered partsTotal promptsAnswered promptsTotal } framework { id title version } newerVersions { id version } } }\n    }\n    frameworks { edges { node { id title version } } }\n  }\n"];
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
export function graphql(source: "\n  query Partners {\n    partners(first: 100) {\n      totalCount\n      edges { node { id name partnerType contactName contactEmail theyBring weBring status startDate nextReviewOn reviewIntervalDays links { nodeKey } } }\n    }\n  }\n"): (typeof documents)["\n  query Partners {\n    partners(first: 100) {\n      totalCount\n      edges { node { id name partnerType contactName contactEmail theyBring weBring status startDate nextReviewOn reviewIntervalDays links { nodeKey } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePartner($input: CreatePartnerInput!) { createPartner(input: $input) { id name } }\n"): (typeof documents)["\n  mutation CreatePartner($input: CreatePartnerInput!) { createPartner(input: $input) { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewPartner($id: ID!) { reviewPartner(id: $id) { id nextReviewOn updatedAt } }\n"): (typeof documents)["\n  mutation ReviewPartner($id: ID!) { reviewPartner(id: $id) { id nextReviewOn updatedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Progress {\n    progress {\n      assessmentId cycle status practice evidence complete\n      elements { elementKey practice evidence }\n      plan { items done open overdue dropped carried resolvedByAssessment medianDaysToDone }\n      frameworkId\n    }\n  }\n"): (typeof documents)["\n  query Progress {\n    progress {\n      assessmentId cycle status practice evidence complete\n      elements { elementKey practice evidence }\n      plan { items done open overdue dropped carried resolvedByAssessment medianDaysToDone }\n      frameworkId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SsoDiscovery($email: String!) { ssoDiscovery(email: $email) { organisationName protocol startUrl } }\n"): (typeof documents)["\n  query SsoDiscovery($email: String!) { ssoDiscovery(email: $email) { organisationName protocol startUrl } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutEverywhere { signOutEverywhere }\n"): (typeof documents)["\n  mutation SignOutEverywhere { signOutEverywhere }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EraseMyAccount($password: String!) { eraseMyAccount(password: $password) }\n"): (typeof documents)["\n  mutation EraseMyAccount($password: String!) { eraseMyAccount(password: $password) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String!, $name: String, $password: String) {\n    acceptInvitation(token: $token, name: $name, password: $password) { ...AuthPayloadFields }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($token: String!, $name: String, $password: String) {\n    acceptInvitation(token: $token, name: $name, password: $password) { ...AuthPayloadFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) { ...AuthPayloadFields }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) { ...AuthPayloadFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecondFactorStatus { secondFactor { enabled enabledAt recoveryCodesLeft } }\n"): (typeof documents)["\n  query SecondFactorStatus { secondFactor { enabled enabledAt recoveryCodesLeft } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BeginSecondFactorSetup { beginSecondFactorSetup { secret uri } }\n"): (typeof documents)["\n  mutation BeginSecondFactorSetup { beginSecondFactorSetup { secret uri } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmSecondFactor($code: String!) { confirmSecondFactor(code: $code) { codes } }\n"): (typeof documents)["\n  mutation ConfirmSecondFactor($code: String!) { confirmSecondFactor(code: $code) { codes } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableSecondFactor($code: String, $password: String) { disableSecondFactor(code: $code, password: $password) }\n"): (typeof documents)["\n  mutation DisableSecondFactor($code: String, $password: String) { disableSecondFactor(code: $code, password: $password) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FinishSsoSignIn($code: String!) {\n    finishSsoSignIn(code: $code) { ...AuthPayloadFields }\n  }\n"): (typeof documents)["\n  mutation FinishSsoSignIn($code: String!) {\n    finishSsoSignIn(code: $code) { ...AuthPayloadFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthPayloadFields on AuthPayload {\n    token\n    expiresAt\n    secondFactorChallenge\n    user { id name email }\n    memberships { role organisation { id name slug kind } }\n  }\n"): (typeof documents)["\n  fragment AuthPayloadFields on AuthPayload {\n    token\n    expiresAt\n    secondFactorChallenge\n    user { id name email }\n    memberships { role organisation { id name slug kind } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut { signOut }\n"): (typeof documents)["\n  mutation SignOut { signOut }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssessmentChanges($id: ID!) {\n    assessment(id: $id) {\n      id cycle status\n      framework { id title version }\n      previous { id cycle framework { id version } }\n      changesSincePrevious { kind nodeKind fromKey toKeys before after }\n      answers { nodeKey needsReview }\n    }\n  }\n"): (typeof documents)["\n  query AssessmentChanges($id: ID!) {\n    assessment(id: $id) {\n      id cycle status\n      framework { id title version }\n      previous { id cycle framework { id version } }\n      changesSincePrevious { kind nodeKind fromKey toKeys before after }\n      answers { nodeKey needsReview }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LibraryForLinks {\n    evidenceLibrary(first: 100) {\n      edges { node { id title url fileReference evidenceDate expiresOn links { assessmentId nodeKey } } }\n    }\n  }\n"): (typeof documents)["\n  query LibraryForLinks {\n    evidenceLibrary(first: 100) {\n      edges { node { id title url fileReference evidenceDate expiresOn links { assessmentId nodeKey } } }\n    }\n  }\n"];
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
export function graphql(source: "\n  query AssessmentScores($id: ID!) {\n    assessment(id: $id) {\n      id cycle status\n      framework { nodes { key kind text title } }\n      scores {\n        practice evidence complete unsupportedClaims\n        elements {\n          elementKey practice evidence complete unsupportedClaim partsAnswered partsTotal\n          promptsYes promptsNo promptsNotApplicable promptsUnanswered\n          actions { actionKey practice complete }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AssessmentScores($id: ID!) {\n    assessment(id: $id) {\n      id cycle status\n      framework { nodes { key kind text title } }\n      scores {\n        practice evidence complete unsupportedClaims\n        elements {\n          elementKey practice evidence complete unsupportedClaim partsAnswered partsTotal\n          promptsYes promptsNo promptsNotApplicable promptsUnanswered\n          actions { actionKey practice complete }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitAssessment($id: ID!) { submitAssessment(id: $id) { id status submittedAt submittedBy { name } } }\n"): (typeof documents)["\n  mutation SubmitAssessment($id: ID!) { submitAssessment(id: $id) { id status submittedAt submittedBy { name } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReopenAssessment($id: ID!, $reason: String!) { reopenAssessment(id: $id, reason: $reason) { id status reopenings { id reason createdAt reopenedBy { name } } } }\n"): (typeof documents)["\n  mutation ReopenAssessment($id: ID!, $reason: String!) { reopenAssessment(id: $id, reason: $reason) { id status reopenings { id reason createdAt reopenedBy { name } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GeneratePlan($assessmentId: ID!) {\n    generateActionPlan(assessmentId: $assessmentId) { created refreshed reopened resolved followedDecisions plan { id generatedAt } }\n  }\n"): (typeof documents)["\n  mutation GeneratePlan($assessmentId: ID!) {\n    generateActionPlan(assessmentId: $assessmentId) { created refreshed reopened resolved followedDecisions plan { id generatedAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdoptAgreed($id: ID!) { adoptAgreedAnswers(id: $id) { id completion { partsAnswered partsTotal promptsAnswered promptsTotal } } }\n"): (typeof documents)["\n  mutation AdoptAgreed($id: ID!) { adoptAgreedAnswers(id: $id) { id completion { partsAnswered partsTotal promptsAnswered promptsTotal } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssessmentWork($id: ID!) {\n    assessment(id: $id) {\n      id cycle status dueOn submittedAt\n      submittedBy { name }\n      framework {\n        id title\n        source { title publisher attribution url }\n        scales {\n          practice { heading options { value label } }\n          evidence { heading options { value label } improvementFlag }\n        }\n        nodes {\n          key kind parentKey text title todo answerScale\n          footnotes { number text }\n          guidance { guidanceKey title partnerType reason document source { attribution } }\n        }\n      }\n      answers { nodeKey value areaForImprovement note updatedAt needsReview setBy { id name } }\n      myAnswers { nodeKey value areaForImprovement note updatedAt }\n      assessorAnswers { nodeKey value userId assessor { id name } }\n      disagreements { nodeKey consensus values { value people { id name } } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n      reopenings { id reason createdAt reopenedBy { name } }\n    }\n  }\n"): (typeof documents)["\n  query AssessmentWork($id: ID!) {\n    assessment(id: $id) {\n      id cycle status dueOn submittedAt\n      submittedBy { name }\n      framework {\n        id title\n        source { title publisher attribution url }\n        scales {\n          practice { heading options { value label } }\n          evidence { heading options { value label } improvementFlag }\n        }\n        nodes {\n          key kind parentKey text title todo answerScale\n          footnotes { number text }\n          guidance { guidanceKey title partnerType reason document source { attribution } }\n        }\n      }\n      answers { nodeKey value areaForImprovement note updatedAt needsReview setBy { id name } }\n      myAnswers { nodeKey value areaForImprovement note updatedAt }\n      assessorAnswers { nodeKey value userId assessor { id name } }\n      disagreements { nodeKey consensus values { value people { id name } } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n      reopenings { id reason createdAt reopenedBy { name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAnswers($input: AnswersInput!) {\n    recordAnswers(input: $input) { nodeKey value areaForImprovement note updatedAt }\n  }\n"): (typeof documents)["\n  mutation RecordAnswers($input: AnswersInput!) {\n    recordAnswers(input: $input) { nodeKey value areaForImprovement note updatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetConsensus($input: AnswersInput!) {\n    setConsensusAnswers(input: $input) {\n      id\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n    }\n  }\n"): (typeof documents)["\n  mutation SetConsensus($input: AnswersInput!) {\n    setConsensusAnswers(input: $input) {\n      id\n      answers { nodeKey value areaForImprovement note updatedAt setBy { id name } }\n      completion { partsAnswered partsTotal promptsAnswered promptsTotal percent missingKeys unansweredPrompts readyToSubmit }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InstitutionBenchmarks {\n    benchmarks {\n      snapshot { takenAt protectionPoints }\n      asOf reason\n      own { submittedAt counted practice evidence frameworkVersion }\n      cohorts {\n        key dimension label published members asOf reason\n        figures { scope practice { published n mean asOf reason } evidence { published n mean asOf reason } }\n        mine { scope measure value cohortMean difference reason }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InstitutionBenchmarks {\n    benchmarks {\n      snapshot { takenAt protectionPoints }\n      asOf reason\n      own { submittedAt counted practice evidence frameworkVersion }\n      cohorts {\n        key dimension label published members asOf reason\n        figures { scope practice { published n mean asOf reason } evidence { published n mean asOf reason } }\n        mine { scope measure value cohortMean difference reason }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyNetworkMemberships {\n    networkMemberships(first: 50) {\n      edges { node { id status invitedAt respondedAt networkName body { id name } } }\n    }\n  }\n"): (typeof documents)["\n  query MyNetworkMemberships {\n    networkMemberships(first: 50) {\n      edges { node { id status invitedAt respondedAt networkName body { id name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AcceptNetworkInvitation($id: ID!) { acceptNetworkInvitation(membershipId: $id) { id status respondedAt } }"): (typeof documents)["mutation AcceptNetworkInvitation($id: ID!) { acceptNetworkInvitation(membershipId: $id) { id status respondedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclineNetworkInvitation($id: ID!) { declineNetworkInvitation(membershipId: $id) { id status respondedAt } }"): (typeof documents)["mutation DeclineNetworkInvitation($id: ID!) { declineNetworkInvitation(membershipId: $id) { id status respondedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LeaveNetwork($id: ID!) { leaveNetwork(membershipId: $id) { id status respondedAt } }"): (typeof documents)["mutation LeaveNetwork($id: ID!) { leaveNetwork(membershipId: $id) { id status respondedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BodyNetworks {\n    networks(first: 50) { edges { node { id name memberCount } } }\n  }\n"): (typeof documents)["\n  query BodyNetworks {\n    networks(first: 50) { edges { node { id name memberCount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NetworkMembers($id: ID!) {\n    network(id: $id) {\n      id name memberCount\n      members(first: 100) {\n        totalCount\n        edges { node { id status invitedAt respondedAt institution { id name kind region } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NetworkMembers($id: ID!) {\n    network(id: $id) {\n      id name memberCount\n      members(first: 100) {\n        totalCount\n        edges { node { id status invitedAt respondedAt institution { id name kind region } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InstitutionDirectory($search: String) {\n    institutionDirectory(search: $search, first: 20) { edges { node { id name kind region } } }\n  }\n"): (typeof documents)["\n  query InstitutionDirectory($search: String) {\n    institutionDirectory(search: $search, first: 20) { edges { node { id name kind region } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteToNetwork($networkId: ID!, $organisationId: ID!) {\n    inviteToNetwork(networkId: $networkId, organisationId: $organisationId) { id status institution { id name } }\n  }\n"): (typeof documents)["\n  mutation InviteToNetwork($networkId: ID!, $organisationId: ID!) {\n    inviteToNetwork(networkId: $networkId, organisationId: $organisationId) { id status institution { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFromNetwork($membershipId: ID!) { removeFromNetwork(membershipId: $membershipId) { id status respondedAt } }\n"): (typeof documents)["\n  mutation RemoveFromNetwork($membershipId: ID!) { removeFromNetwork(membershipId: $membershipId) { id status respondedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionalDashboard {\n    regionBenchmarks {\n      snapshot { id takenAt trigger protectionPoints }\n      asOf reason region\n      overall { key label published members asOf reason }\n      weakestElements { elementKey title practice { n mean } }\n      weakestParts { partKey text answered yes started no }\n      byKind {\n        key label published members asOf reason\n        figures { scope practice { n mean reason } }\n      }\n      trend { takenAt members practice { mean } evidence { mean } }\n    }\n    networks(first: 50) { edges { node { id name memberCount } } }\n  }\n"): (typeof documents)["\n  query RegionalDashboard {\n    regionBenchmarks {\n      snapshot { id takenAt trigger protectionPoints }\n      asOf reason region\n      overall { key label published members asOf reason }\n      weakestElements { elementKey title practice { n mean } }\n      weakestParts { partKey text answered yes started no }\n      byKind {\n        key label published members asOf reason\n        figures { scope practice { n mean reason } }\n      }\n      trend { takenAt members practice { mean } evidence { mean } }\n    }\n    networks(first: 50) { edges { node { id name memberCount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NetworkHeatmap($networkId: ID!) {\n    networkHeatmap(networkId: $networkId) {\n      asOf reason\n      network { id name }\n      scopes\n      rows { label named organisationId members cells { scope practice evidence } }\n      counts { members counted named others leftOut }\n    }\n  }\n"): (typeof documents)["\n  query NetworkHeatmap($networkId: ID!) {\n    networkHeatmap(networkId: $networkId) {\n      asOf reason\n      network { id name }\n      scopes\n      rows { label named organisationId members cells { scope practice evidence } }\n      counts { members counted named others leftOut }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FrameworkWords($id: ID!) { framework(id: $id) { id nodes { key kind text title todo } } }\n"): (typeof documents)["\n  query FrameworkWords($id: ID!) { framework(id: $id) { id nodes { key kind text title todo } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImportReportFields on ImportReport {\n    kind fileName format dryRun saved rowCount added changed unchanged columnsRead columnsIgnored errorRows\n    rows { row action id label changes { column before after } }\n    errors { row column code message }\n  }\n"): (typeof documents)["\n  fragment ImportReportFields on ImportReport {\n    kind fileName format dryRun saved rowCount added changed unchanged columnsRead columnsIgnored errorRows\n    rows { row action id label changes { column before after } }\n    errors { row column code message }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportPartners($input: ImportInput!) { importPartners(input: $input) { ...ImportReportFields } }\n"): (typeof documents)["\n  mutation ImportPartners($input: ImportInput!) { importPartners(input: $input) { ...ImportReportFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportEvidence($input: ImportInput!) { importEvidence(input: $input) { ...ImportReportFields } }\n"): (typeof documents)["\n  mutation ImportEvidence($input: ImportInput!) { importEvidence(input: $input) { ...ImportReportFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportAnswers($input: AssessmentImportInput!) { importAnswers(input: $input) { ...ImportReportFields } }\n"): (typeof documents)["\n  mutation ImportAnswers($input: AssessmentImportInput!) { importAnswers(input: $input) { ...ImportReportFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportActionItems($input: AssessmentImportInput!) { importActionItems(input: $input) { ...ImportReportFields } }\n"): (typeof documents)["\n  mutation ImportActionItems($input: AssessmentImportInput!) { importActionItems(input: $input) { ...ImportReportFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportLayoutColumns($kind: ImportKind!) {\n    importLayout(kind: $kind) { keyColumn columns { name required blankAllowed type allowedValues description example } ignoredColumns }\n  }\n"): (typeof documents)["\n  query ImportLayoutColumns($kind: ImportKind!) {\n    importLayout(kind: $kind) { keyColumn columns { name required blankAllowed type allowedValues description example } ignoredColumns }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportAssessments { assessments(first: 50) { edges { node { id cycle status } } } }\n"): (typeof documents)["\n  query ImportAssessments { assessments(first: 50) { edges { node { id cycle status } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ItemDetail($id: ID!) {\n    actionItem(id: $id) {\n      id assessmentId cycle itemKey kind nodeKey elementKey what why priority priorityReason target status\n      dueOn reviewIntervalDays nextReviewOn resources successMeasure doneAt persistsAfterDone updatedAt\n      owner { id name }\n      guidance { guidanceKey title reason }\n      footnotes { number text }\n      notes { id body statusFrom statusTo createdAt author { name } }\n      evidence { id title }\n      carriedFrom { id cycle status }\n      carriedTo { id cycle status }\n      previousDecision { id cycle status }\n      history { id cycle status what }\n    }\n    members(first: 100) { edges { node { id role user { id name } } } }\n    assessments(first: 50) { edges { node { id frameworkId } } }\n  }\n"): (typeof documents)["\n  query ItemDetail($id: ID!) {\n    actionItem(id: $id) {\n      id assessmentId cycle itemKey kind nodeKey elementKey what why priority priorityReason target status\n      dueOn reviewIntervalDays nextReviewOn resources successMeasure doneAt persistsAfterDone updatedAt\n      owner { id name }\n      guidance { guidanceKey title reason }\n      footnotes { number text }\n      notes { id body statusFrom statusTo createdAt author { name } }\n      evidence { id title }\n      carriedFrom { id cycle status }\n      carriedTo { id cycle status }\n      previousDecision { id cycle status }\n      history { id cycle status what }\n    }\n    members(first: 100) { edges { node { id role user { id name } } } }\n    assessments(first: 50) { edges { node { id frameworkId } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddItemNote($id: ID!, $body: String!) { addActionItemNote(id: $id, body: $body) { id body createdAt author { name } } }\n"): (typeof documents)["\n  mutation AddItemNote($id: ID!, $body: String!) { addActionItemNote(id: $id, body: $body) { id body createdAt author { name } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateItem($id: ID!, $input: UpdateActionItemInput!) {\n    updateActionItem(id: $id, input: $input) { id dueOn reviewIntervalDays nextReviewOn resources successMeasure owner { id name } }\n  }\n"): (typeof documents)["\n  mutation UpdateItem($id: ID!, $input: UpdateActionItemInput!) {\n    updateActionItem(id: $id, input: $input) { id dueOn reviewIntervalDays nextReviewOn resources successMeasure owner { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlanItems($filter: ActionItemFilter!, $sort: ActionItemSort!) {\n    actionItems(filter: $filter, sort: $sort, first: 100) {\n      totalCount\n      edges {\n        node {\n          id priority what elementKey nodeKey assessmentId status dueOn nextReviewOn cycle kind persistsAfterDone\n          owner { id name }\n          carriedFrom { id cycle }\n          previousDecision { id cycle status }\n        }\n      }\n    }\n    assessments(first: 20) { edges { node { id cycle frameworkId } } }\n  }\n"): (typeof documents)["\n  query PlanItems($filter: ActionItemFilter!, $sort: ActionItemSort!) {\n    actionItems(filter: $filter, sort: $sort, first: 100) {\n      totalCount\n      edges {\n        node {\n          id priority what elementKey nodeKey assessmentId status dueOn nextReviewOn cycle kind persistsAfterDone\n          owner { id name }\n          carriedFrom { id cycle }\n          previousDecision { id cycle status }\n        }\n      }\n    }\n    assessments(first: 20) { edges { node { id cycle frameworkId } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeItemStatus($id: ID!, $status: ActionItemStatus!, $note: String) {\n    changeActionItemStatus(id: $id, status: $status, note: $note) { id status updatedAt notes { id body statusFrom statusTo createdAt author { name } } }\n  }\n"): (typeof documents)["\n  mutation ChangeItemStatus($id: ID!, $status: ActionItemStatus!, $note: String) {\n    changeActionItemStatus(id: $id, status: $status, note: $note) { id status updatedAt notes { id body statusFrom statusTo createdAt author { name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys { apiKeys(first: 100) { edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } } } }\n"): (typeof documents)["\n  query ApiKeys { apiKeys(first: 100) { edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($name: String!, $scopes: [String!]!) { createApiKey(name: $name, scopes: $scopes) { secret apiKey { id name prefix scopes createdAt } } }\n"): (typeof documents)["\n  mutation CreateApiKey($name: String!, $scopes: [String!]!) { createApiKey(name: $name, scopes: $scopes) { secret apiKey { id name prefix scopes createdAt } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Members {\n    members(first: 100) { totalCount edges { node { id role createdAt user { id name email } } } }\n    invitations(first: 50) { edges { node { id email role createdAt expiresAt acceptedAt revokedAt sends } } }\n  }\n"): (typeof documents)["\n  query Members {\n    members(first: 100) { totalCount edges { node { id role createdAt user { id name email } } } }\n    invitations(first: 50) { edges { node { id email role createdAt expiresAt acceptedAt revokedAt sends } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }\n"): (typeof documents)["\n  mutation ChangeRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Invite($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id email role expiresAt } }\n"): (typeof documents)["\n  mutation Invite($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id email role expiresAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendInvitation($id: ID!) { resendInvitation(id: $id) { id expiresAt sends } }\n"): (typeof documents)["\n  mutation ResendInvitation($id: ID!) { resendInvitation(id: $id) { id expiresAt sends } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ErasePerson($membershipId: ID!) { erasePerson(membershipId: $membershipId) { id label } }\n"): (typeof documents)["\n  mutation ErasePerson($membershipId: ID!) { erasePerson(membershipId: $membershipId) { id label } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id revokedAt } }\n"): (typeof documents)["\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) { id revokedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationSettings { notificationPreference { frequency updatedAt } calendarFeed { createdAt lastUsedAt } }\n"): (typeof documents)["\n  query NotificationSettings { notificationPreference { frequency updatedAt } calendarFeed { createdAt lastUsedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNotificationPreference($frequency: NotificationFrequency!) { setNotificationPreference(frequency: $frequency) { frequency updatedAt } }\n"): (typeof documents)["\n  mutation SetNotificationPreference($frequency: NotificationFrequency!) { setNotificationPreference(frequency: $frequency) { frequency updatedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCalendarFeed { createCalendarFeed { url createdAt } }\n"): (typeof documents)["\n  mutation CreateCalendarFeed { createCalendarFeed { url createdAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeCalendarFeed { revokeCalendarFeed }\n"): (typeof documents)["\n  mutation RevokeCalendarFeed { revokeCalendarFeed }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteOrganisation($confirmName: String!, $exportDeclined: Boolean!) {\n    deleteOrganisation(confirmName: $confirmName, exportDeclined: $exportDeclined) { organisationId rowsErased }\n  }\n"): (typeof documents)["\n  mutation DeleteOrganisation($confirmName: String!, $exportDeclined: Boolean!) {\n    deleteOrganisation(confirmName: $confirmName, exportDeclined: $exportDeclined) { organisationId rowsErased }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecondFactorRequirement { organisation { id requireSecondFactor } }\n"): (typeof documents)["\n  query SecondFactorRequirement { organisation { id requireSecondFactor } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetSecondFactorRequirement($required: Boolean!) { setSecondFactorRequirement(required: $required) { id requireSecondFactor } }\n"): (typeof documents)["\n  mutation SetSecondFactorRequirement($required: Boolean!) { setSecondFactorRequirement(required: $required) { id requireSecondFactor } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SsoSettings {\n    ssoSettings {\n      protocol enabled oidcIssuer oidcClientId oidcClientSecretSet samlEntryPoint samlIdpIssuer samlCertificate\n      allowedDomains defaultRole ssoRequired breakGlassEmail oidcCallbackUrl samlAcsUrl samlEntityId updatedAt\n    }\n  }\n"): (typeof documents)["\n  query SsoSettings {\n    ssoSettings {\n      protocol enabled oidcIssuer oidcClientId oidcClientSecretSet samlEntryPoint samlIdpIssuer samlCertificate\n      allowedDomains defaultRole ssoRequired breakGlassEmail oidcCallbackUrl samlAcsUrl samlEntityId updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfigureSso($input: ConfigureSsoInput!) {\n    configureSso(input: $input) {\n      protocol enabled oidcIssuer oidcClientId oidcClientSecretSet samlEntryPoint samlIdpIssuer samlCertificate\n      allowedDomains defaultRole ssoRequired breakGlassEmail oidcCallbackUrl samlAcsUrl samlEntityId updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ConfigureSso($input: ConfigureSsoInput!) {\n    configureSso(input: $input) {\n      protocol enabled oidcIssuer oidcClientId oidcClientSecretSet samlEntryPoint samlIdpIssuer samlCertificate\n      allowedDomains defaultRole ssoRequired breakGlassEmail oidcCallbackUrl samlAcsUrl samlEntityId updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEndpoints {\n    webhookEndpoints(first: 100) { totalCount edges { node { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n    webhookDeadLetters(first: 100) {\n      totalCount\n      edges { node { id endpointUrl eventType attempts lastStatusCode lastError lastAttemptAt deadAt redeliveries } }\n    }\n  }\n"): (typeof documents)["\n  query WebhookEndpoints {\n    webhookEndpoints(first: 100) { totalCount edges { node { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n    webhookDeadLetters(first: 100) {\n      totalCount\n      edges { node { id endpointUrl eventType attempts lastStatusCode lastError lastAttemptAt deadAt redeliveries } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n"): (typeof documents)["\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } }\n"): (typeof documents)["\n  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookSecret($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n"): (typeof documents)["\n  mutation RotateWebhookSecret($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { id url description eventTypes enabled previousSecretExpiresAt createdAt updatedAt } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }\n"): (typeof documents)["\n  mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverWebhook($id: ID!) { redeliverWebhook(id: $id) { id status attempts redeliveries } }\n"): (typeof documents)["\n  mutation RedeliverWebhook($id: ID!) { redeliverWebhook(id: $id) { id status attempts redeliveries } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      secondFactorChallenge\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n      secondFactorChallenge\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteSignIn($challenge: String!, $code: String!) {\n    completeSignIn(challenge: $challenge, code: $code) {\n      token\n      expiresAt\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteSignIn($challenge: String!, $code: String!) {\n    completeSignIn(challenge: $challenge, code: $code) {\n      token\n      expiresAt\n      user { id name email }\n      memberships { role organisation { id name slug kind } }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;