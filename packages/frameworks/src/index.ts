export type { NodeKind, FrameworkNodeRow, Footnote, FrameworkSource } from './types';
export type {
  FrameworkDocument,
  FrameworkPrinciple,
  FrameworkElement,
  FrameworkAction,
  FrameworkPromptGroup,
  FrameworkScales,
  IntroductionBlock,
} from './schema';
export { frameworkDocumentSchema, FRAMEWORK_FORMAT } from './schema';
export { FrameworkFormatError } from './errors';
export { canonicalJson, contentHash } from './hash';
export { KEY_PATTERNS, isNodeKey, parentKeyOf } from './keys';
export { describeChanges, type FrameworkChange, type FrameworkChangeKind } from './changes';
export { parseFramework, fromDocument, scoringShape, type LoadedFramework, type ScoringElement } from './framework';
export {
  parseGuidance,
  validateGuidanceLinks,
  guidanceDocumentSchema,
  GUIDANCE_FORMAT,
  type GuidanceDocument,
  type GuidanceLink,
  type LoadedGuidance,
} from './guidance';
export {
  parseCrosswalk,
  applyCrosswalk,
  validateCrosswalk,
  crosswalkSchema,
  targetsOf,
  CROSSWALK_FORMAT,
  type Crosswalk,
  type CrosswalkTarget,
  type AppliedCrosswalk,
} from './crosswalk';
export {
  DATA_DIR,
  FIXTURES_DIR,
  loadBundledCrosswalks,
  loadBundledFrameworks,
  loadBundledGuidance,
  loadCrosswalkFile,
  loadFixtures,
  loadFrameworkFile,
  loadGuidanceFile,
} from './loader';
