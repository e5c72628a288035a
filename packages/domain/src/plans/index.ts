export * from './types';
export { PRIORITY_RULES, generatePlanItems, toScoringElements } from './generate';
export { reconcilePlan } from './reconcile';
export { CARRIED_FORWARD, ITEM_STATUSES, STATUS_TRANSITIONS, canChangeStatus, median } from './status';
