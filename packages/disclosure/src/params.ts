import type { DisclosureParams, Measure, Scope, ValueKey } from './types';

/** P below this would let an intruder say "between 40 and 49", which reads as knowing the score. */
export const LOWEST_PROTECTION_POINTS = 10;
export const DEFAULT_PARAMS: DisclosureParams = { protectionPoints: 15, minUnknown: 3, sumNoise: 8, countNoise: 2 };

/** The parameters with defaults filled in; a value outside its range throws, so a bad setting fails loudly. */
export function disclosureParams(input: Partial<DisclosureParams> = {}): DisclosureParams {
  const params = { ...DEFAULT_PARAMS, ...definedOnly(input) };
  const check = (name: keyof DisclosureParams, low: number, high: number) => {
    const value = params[name];
    if (!Number.isInteger(value) || value < low || value > high) {
      throw new RangeError(`${name} must be a whole number from ${low} to ${high}, not ${value}`);
    }
  };
  check('protectionPoints', LOWEST_PROTECTION_POINTS, 100);
  check('minUnknown', 2, 100);
  check('sumNoise', 1, 100);
  check('countNoise', 1, 100);
  return params;
}

function definedOnly(input: Partial<DisclosureParams>): Partial<DisclosureParams> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

/** The value key of a scope and measure: `overall|practice`, `element:<key>|evidence`. */
export function valueKey(scope: Scope, measure: Measure): ValueKey {
  return `${scope}|${measure}`;
}
