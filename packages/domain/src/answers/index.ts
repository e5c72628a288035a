export type { AssessorAnswer, Disagreement } from './types';
export { agreedValues, findDisagreements } from './team';
