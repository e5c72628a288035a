import type { z } from 'zod';

/** A data file that does not match its format; `issues` are "path: problem" lines. */
export class FrameworkFormatError extends Error {
  constructor(
    public readonly file: string,
    public readonly issues: string[],
  ) {
    super(`${file}: invalid file\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'FrameworkFormatError';
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Renders a path the way a reader would write it: principles[0].elements[1].key, map["3.1"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || '(root)';
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    // A bad record key is reported as a wrapper; the reason is inside it.
    const message = issue.code === 'invalid_key' ? issue.issues.map((inner) => inner.message).join('; ') : issue.message;
    return `${formatPath(issue.path)}: ${readable(message)}`;
  });
}

// Zod's wording for a missing field reads like a type puzzle; say what it means.
function readable(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  return missing ? `required (${missing[1]})` : message;
}
