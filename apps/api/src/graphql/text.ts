import { GraphQLError, type ValidationRule } from 'graphql';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';
import { type ValidationError, getMetadataStorage, validateOrReject } from 'class-validator';
import { WaymarkError, badInput } from '@waymark/domain';

/**
 * Text input, checked once and centrally. Every string a client sends, in any argument or
 * variable, must be well-formed Unicode (no lone surrogates) without NUL or other control
 * characters; tab and line breaks are allowed only in fields marked multi-line. Strings of input
 * objects are trimmed before anything else looks at them, then measured in code points (characters,
 * as PostgreSQL's varchar counts them) against the column they go into. A required text that is
 * empty after trimming is BAD_USER_INPUT naming the field, like any other bad input.
 */
export interface TextRule {
  /** The most characters (code points) the column holds. */
  max: number;
  /** At least this many characters after trimming (1 makes it required and non-blank). */
  min?: number;
  /** Tab and line breaks allowed (notes, descriptions, reasons). */
  multiline?: boolean;
  /** Kept exactly as sent (passwords, tokens): not trimmed. */
  raw?: boolean;
}

/** What an input string field gets when it says nothing: one line, trimmed, at most this long. */
export const DEFAULT_TEXT: TextRule = { max: 1000 };

const rules = new WeakMap<object, Map<string, TextRule>>();

/** Declares how a string field of an input or args class is checked. */
export function Text(rule: TextRule): PropertyDecorator {
  return (target, property) => {
    const own = rules.get(target) ?? new Map<string, TextRule>();
    own.set(String(property), rule);
    rules.set(target, own);
  };
}

function ruleOf(instance: object, property: string): TextRule {
  for (let proto = Object.getPrototypeOf(instance) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const rule = rules.get(proto)?.get(property);
    if (rule) return rule;
  }
  return DEFAULT_TEXT;
}

// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null. */
export function textProblem(value: string, multiline = true): string | null {
  return textReason(value, multiline)?.message ?? null;
}

/** The same, with the typed reason clients show in their own words. */
function textReason(value: string, multiline: boolean): { reason: 'INVALID_CHARACTERS' | 'SINGLE_LINE'; message: string } | null {
  if (LONE_SURROGATE.test(value)) return { reason: 'INVALID_CHARACTERS', message: 'is not valid Unicode (it holds a lone surrogate)' };
  if (value.includes('\u0000')) return { reason: 'INVALID_CHARACTERS', message: 'must not contain NUL characters' };
  if (CONTROL.test(value)) return { reason: 'INVALID_CHARACTERS', message: 'must not contain control characters' };
  if (!multiline && LINE_BREAK_OR_TAB.test(value)) return { reason: 'SINGLE_LINE', message: 'must be a single line (no tabs or line breaks)' };
  return null;
}

/** Characters as PostgreSQL counts them in varchar(n): code points. */
export const characters = (value: string) => {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
};

/**
 * Checks (and trims) one string field by its rule; returns the value to keep. A refusal carries a
 * typed reason with its figures (BLANK; TOO_SHORT or TOO_LONG with `limit` and `actual` length;
 * INVALID_CHARACTERS; SINGLE_LINE) so a client can say it in its own words.
 */
export function checkText(value: string, field: string, rule: TextRule): string {
  const problem = textReason(value, rule.multiline ?? false);
  if (problem) throw badInput(field, problem.message, { reason: problem.reason });
  const text = rule.raw ? value : value.trim();
  const length = characters(text);
  if (rule.min && length < rule.min) {
    if (rule.min === 1) throw badInput(field, 'must not be blank', { reason: 'BLANK' });
    throw badInput(field, `must be at least ${rule.min} characters (after trimming spaces)`, { reason: 'TOO_SHORT', limit: rule.min, actual: length });
  }
  if (length > rule.max) throw badInput(field, `must be at most ${rule.max} characters (it has ${length})`, { reason: 'TOO_LONG', limit: rule.max, actual: length });
  return text;
}

/** A refusal of a field of an answer (or anything else naming a framework item) names that item too. */
function aboutItem<T>(record: Record<string, unknown>, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof WaymarkError && typeof record.nodeKey === 'string') throw new WaymarkError(error.code, error.message, { ...error.details, nodeKey: record.nodeKey });
    throw error;
  }
}

/**
 * Trims and checks every string of an input object (and the objects and lists inside it), in place,
 * and collects every input object met, with its path, so each is validated (nested ones included,
 * without decorating every nesting).
 */
function cleanInput(value: unknown, path: string, objects: { path: string; object: object }[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === 'string') value[i] = checkText(item, `${path}[${i}]`, DEFAULT_TEXT);
      else cleanInput(item, `${path}[${i}]`, objects);
    });
    return;
  }
  if (!value || typeof value !== 'object' || value instanceof Date) return;
  objects.push({ path, object: value });
  const record = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(record)) {
    const name = path ? `${path}.${key}` : key;
    if (typeof field === 'string') record[key] = aboutItem(record, () => checkText(field, name, ruleOf(value, key)));
    else cleanInput(field, name, objects);
  }
}

/** class-validator's rule names as the reasons clients know (the rest are sent upper-cased as they are). */
const RULE_REASONS: Record<string, string> = {
  isUrl: 'NOT_A_URL',
  isEmail: 'NOT_AN_EMAIL',
  isUuid: 'NOT_AN_ID',
  min: 'TOO_SMALL',
  max: 'TOO_LARGE',
  matches: 'BAD_FORMAT',
  arrayMaxSize: 'TOO_MANY',
  arrayMinSize: 'TOO_FEW',
  arrayNotEmpty: 'TOO_FEW',
  isEnum: 'NOT_ALLOWED_VALUE',
  isTimeZone: 'NOT_A_TIME_ZONE',
  isLocale: 'NOT_A_LOCALE',
};

/** The figure a rule was declared with (min 1, max 1095, arrayMaxSize 200), when it has one. */
function ruleLimit(error: ValidationError, rule: string): number | undefined {
  const target = error.target?.constructor;
  if (!target) return undefined;
  const declared = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && m.name === rule);
  const value: unknown = declared?.constraints?.[0];
  return typeof value === 'number' ? value : undefined;
}

interface RuleProblem {
  field: string;
  message: string;
  details: Record<string, unknown>;
}

export const firstProblem = (errors: ValidationError[], path: string): RuleProblem | null => {
  for (const error of errors) {
    const field = path ? `${path}.${error.property}` : error.property;
    const [rule, message] = Object.entries(error.constraints ?? {})[0] ?? [];
    if (rule && message) {
      const limit = ruleLimit(error, rule);
      return { field, message, details: { reason: RULE_REASONS[rule] ?? rule.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(), ...(limit === undefined ? {} : { limit }) } };
    }
    const nested = firstProblem(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
};

/**
 * type-graphql's argument validation, with text cleaned first: strings trimmed and checked, then
 * class-validator's rules (ids, emails, ranges, sizes of lists) on every input object, however
 * deeply nested.
 */
export const validateArguments: ValidatorFn = async (value) => {
  if (value === null || typeof value !== 'object') return;
  const objects: { path: string; object: object }[] = [];
  cleanInput(value, '', objects);
  for (const { path, object } of objects) {
    if (Object.getPrototypeOf(object) === Object.prototype) continue;
    try {
      await validateOrReject(object, { forbidUnknownValues: false, skipMissingProperties: true });
    } catch (errors) {
      if (!path) throw new ArgumentValidationError(errors as ValidationError[]);
      const problem = firstProblem(errors as ValidationError[], path.replace(/^\[\d+\]\.?/, (m) => m));
      const item = typeof (object as { nodeKey?: unknown }).nodeKey === 'string' ? { nodeKey: (object as { nodeKey: string }).nodeKey } : {};
      throw badInput(problem?.field ?? path, problem?.message ?? 'is not valid', { ...problem?.details, ...item });
    }
  }
};

/** Every string in the variables of a request, wherever it sits: the first one that cannot be text. */
export function badVariable(variables: unknown, path = ''): { field: string; problem: string } | null {
  if (typeof variables === 'string') {
    const problem = textProblem(variables);
    return problem ? { field: path || 'variables', problem } : null;
  }
  if (Array.isArray(variables)) {
    for (const [i, item] of variables.entries()) {
      const found = badVariable(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (variables && typeof variables === 'object') {
    for (const [key, item] of Object.entries(variables)) {
      const found = badVariable(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** The same check for strings written into the query itself. */
export const textLiteralRule: ValidationRule = (context) => ({
  StringValue(node) {
    const problem = textProblem(node.value);
    if (problem) {
      context.reportError(new GraphQLError(`A string in the query ${problem}`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
    }
  },
});
