import { GraphQLError, type ValidationRule } from 'graphql';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';
import { type ValidationError, validateOrReject } from 'class-validator';
import { badInput } from '@waymark/domain';

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
  if (LONE_SURROGATE.test(value)) return 'is not valid Unicode (it holds a lone surrogate)';
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (!multiline && LINE_BREAK_OR_TAB.test(value)) return 'must be a single line (no tabs or line breaks)';
  return null;
}

/** Characters as PostgreSQL counts them in varchar(n): code points. */
export const characters = (value: string) => {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
};

/** Checks (and trims) one string field by its rule; returns the value to keep. */
export function checkText(value: string, field: string, rule: TextRule): string {
  const problem = textProblem(value, rule.multiline ?? false);
  if (problem) throw badInput(field, problem);
  const text = rule.raw ? value : value.trim();
  const length = characters(text);
  if (rule.min && length < rule.min) {
    throw badInput(field, rule.min === 1 ? 'must not be blank' : `must be at least ${rule.min} characters (after trimming spaces)`);
  }
  if (length > rule.max) throw badInput(field, `must be at most ${rule.max} characters (it has ${length})`);
  return text;
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
    if (typeof field === 'string') record[key] = checkText(field, name, ruleOf(value, key));
    else cleanInput(field, name, objects);
  }
}

const firstProblem = (errors: ValidationError[], path: string): { field: string; message: string } | null => {
  for (const error of errors) {
    const field = path ? `${path}.${error.property}` : error.property;
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return { field, message };
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
      throw badInput(problem?.field ?? path, problem?.message ?? 'is not valid');
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
