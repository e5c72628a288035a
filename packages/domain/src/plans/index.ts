export * from './types';
export { PRIORITY_RULES, generatePlanItems, toScoringElements } from './generate';
export { reconcilePlan } from './reconcile';
export {
  CARRIED_FORWARD,
  DECIDED_STATUSES,
  ITEM_STATUSES,
  OPEN_STATUSES,
  REOPENING_NEEDS_MANAGER,
  STATUS_TRANSITIONS,
  canChangeStatus,
  isOpen,
  median,
} from './status';
export { compareCycles, followDecision, type DecisionOutcome, type EarlierDecision } from './decisions';
