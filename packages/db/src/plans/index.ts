export { regeneratePlan, carryPlanForward, draftsFor, type PlanScope, type RegenerateResult } from './store';
export { planElementsOf } from './shape';
