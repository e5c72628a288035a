/**
 * Every GraphQL operation the documentation shows (the "Try it" walkthrough, the benchmark and
 * calendar examples, API keys, imports) is valid against the committed schema, so a renamed field
 * cannot leave a page telling people to send a query that no longer runs. schema.test.ts keeps the
 * committed SDL equal to the running schema.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

const ROOT = path.resolve(__dirname, '../../../..');
const schema = buildSchema(readFileSync(path.join(ROOT, 'apps/api/schema.graphql'), 'utf8'));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return markdownFiles(file);
    return name.endsWith('.md') ? [file] : [];
  });
}

/** Shell variables spliced into a query ('$CYCLE' inside a JSON string) become a plain value. */
const unsplice = (text: string) => text.replace(/'\$\w+'/g, 'x');

function operationsIn(markdown: string): string[] {
  const found: string[] = [];
  for (const [, lang, body] of markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)) {
    if (lang === 'graphql') {
      // Operations only: SDL excerpts and before/after comparisons are not documents to send.
      if (/^\s*(query|mutation|\{)/.test(body!)) found.push(body!);
    } else if (lang === 'sh') {
      for (const [, literal] of unsplice(body!).matchAll(/"query":("(?:[^"\\]|\\.)*")/g)) found.push(JSON.parse(literal!) as string);
      for (const [, literal] of body!.matchAll(/^\s*query: ("(?:[^"\\]|\\.)*")/gm)) found.push(JSON.parse(literal!) as string);
    }
  }
  return found;
}

const pages = [path.join(ROOT, 'README.md'), ...markdownFiles(path.join(ROOT, 'docs'))];
const examples = pages.flatMap((file) => operationsIn(readFileSync(file, 'utf8')).map((operation) => ({ page: path.relative(ROOT, file), operation })));

describe('GraphQL in the documentation', () => {
  it('finds the examples (the walkthrough alone has more than ten)', () => {
    expect(examples.filter((e) => e.page === 'docs/integrating/graphql.md').length).toBeGreaterThan(10);
  });

  it.each(examples.map((e) => [e.page, e.operation.replace(/\s+/g, ' ').slice(0, 80), e.operation]))('%s: %s', (_page, _short, operation) => {
    const errors = validate(schema, parse(operation)).map((error) => error.message);
    expect(errors).toEqual([]);
  });
});
