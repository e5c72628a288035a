export * from './types';
export { answerableKeys, missingParts } from './answerable';
export { scoreAssessment } from './score';
