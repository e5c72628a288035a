import { isScalar, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { describeIssues, FrameworkFormatError } from './errors';

/**
 * Parses YAML and validates it, reporting every problem as a FrameworkFormatError.
 * Mapping keys must be strings: YAML reads an unquoted 3.10 as the number 3.1,
 * which would silently turn one node key into another.
 */
export function parseYamlWith<S extends z.ZodType>(schema: S, yamlText: string, file: string): z.output<S> {
  const doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: true });
  const problems = doc.errors.map((error) => `(yaml): ${error.message}`);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value !== 'string') {
        problems.push(`(yaml): mapping key ${String(pair.key.value)} must be a quoted string`);
      }
    },
  });
  if (problems.length > 0) throw new FrameworkFormatError(file, problems);

  const result = schema.safeParse(doc.toJS());
  if (!result.success) throw new FrameworkFormatError(file, describeIssues(result.error));
  return result.data;
}
