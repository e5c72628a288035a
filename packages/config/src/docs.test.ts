/**
 * The documentation as a newcomer meets it: the README is the front door and the reference is in
 * docs/. These checks fail when a setting is added without a line in a configuration table, when a
 * page moves and a link is left pointing at nothing, or when the README's two commands stop being
 * the ones package.json and CI run.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { settingNames } from './index';

const ROOT = path.resolve(__dirname, '../../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return markdownFiles(file);
    return name.endsWith('.md') ? [file] : [];
  });
}

const PAGES = [path.join(ROOT, 'README.md'), ...markdownFiles(path.join(ROOT, 'docs'))];
const read = (file: string) => readFileSync(file, 'utf8');
const relative = (file: string) => path.relative(ROOT, file);

/** The text outside fenced code blocks (links and headings there are not links or headings). */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Every link target in a page: markdown links and images, and HTML src/href attributes. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, '');
  const markdownLinks = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const htmlLinks = [...text.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  return [...markdownLinks, ...htmlLinks];
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

describe('the documentation', () => {
  it('documents every setting packages/config reads, in a configuration table', () => {
    const rows = PAGES.map(read).join('\n');
    const undocumented = settingNames().filter((name) => !rows.includes(`| \`${name}\` |`));
    expect(undocumented).toEqual([]);
  });

  it('lists no setting in the configuration table that packages/config does not read', () => {
    const known = new Set(settingNames());
    const listed: string[] = [];
    for (const file of PAGES) {
      for (const table of read(file).split(/\n\s*\n/)) {
        if (!/^\| Variable \| Default \| Read by \| Meaning \|/m.test(table)) continue;
        listed.push(...[...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]!));
      }
    }
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((name) => !known.has(name))).toEqual([]);
  });

  it('has no relative link, image or anchor that points at nothing', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of PAGES) {
      for (const target of linkTargets(read(file))) {
        if (isExternal(target)) continue;
        checked += 1;
        const [pathPart, anchor] = target.split('#') as [string, string | undefined];
        const destination = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURI(pathPart));
        if (!existsSync(destination)) {
          broken.push(`${relative(file)}: ${target} (no such file)`);
        } else if (anchor && destination.endsWith('.md') && !anchorsOf(read(destination)).has(anchor)) {
          broken.push(`${relative(file)}: ${target} (no such heading in ${relative(destination)})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(broken).toEqual([]);
  });

  it("gives the README's two commands exactly as package.json and CI run them", () => {
    const readme = read(path.join(ROOT, 'README.md'));
    const section = readme.split(/^## /m).find((s) => s.startsWith('Two commands'));
    expect(section).toBeDefined();
    const block = section!.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
    const commands = block.split('\n').map((line) => line.replace(/#.*$/, '').trim()).filter(Boolean);
    expect(commands).toEqual(['npm install && npm start', 'npm install && npm test']);

    const scripts = (JSON.parse(read(path.join(ROOT, 'package.json'))) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toEqual(expect.any(String));
    expect(scripts.test).toEqual(expect.any(String));

    const ci = read(path.join(ROOT, '.ci/run')).split('\n').map((line) => line.trim());
    expect(ci).toContain('npm test');
  });
});
