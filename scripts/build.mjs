// `npm run build`: transpiles every workspace's TypeScript (src -> dist, tests left out) with SWC,
// the same compiler Jest uses, in one process: well under a second on a fresh clone. Type checking
// is separate and complete (`npm run typecheck`: `tsc --noEmit` over each workspace's sources and tests),
// so running the apps never waits for it. Files whose output is newer than their source are skipped.
import { transformFile } from '@swc/core';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SWC = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};
// An app's src/testing.ts is a tests-only entry (@waymark/<app>/testing), left out like the tests.
const isSource = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts') && file !== 'testing.ts';

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sources(full);
    return isSource(entry.name) ? [full] : [];
  });
}

// Run from a workspace (turbo runs each package's `build`), it transpiles that workspace only.
const here = path.relative(ROOT, process.cwd());
const only = here && !here.startsWith('..') ? here : null;

const started = performance.now();
const jobs = [];
let skipped = 0;
for (const group of ['packages', 'apps']) {
  for (const name of readdirSync(path.join(ROOT, group))) {
    if (only && only !== path.join(group, name)) continue;
    const src = path.join(ROOT, group, name, 'src');
    const out = path.join(ROOT, group, name, 'dist');
    if (!existsSync(src)) continue;
    const wanted = new Set();
    for (const file of sources(src)) {
      const target = path.join(out, path.relative(src, file)).replace(/\.ts$/, '.js');
      wanted.add(target);
      if (existsSync(target) && statSync(target).mtimeMs >= statSync(file).mtimeMs) {
        skipped += 1;
        continue;
      }
      jobs.push(
        transformFile(file, { ...SWC, sourceFileName: path.relative(path.dirname(target), file) }).then((result) => {
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, `${result.code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
          writeFileSync(`${target}.map`, result.map ?? '{}');
        }),
      );
    }
    // Output whose source was deleted or renamed would otherwise keep running.
    if (existsSync(out)) {
      for (const file of readdirSync(out, { recursive: true })) {
        const full = path.join(out, String(file));
        if (full.endsWith('.js') && !wanted.has(full)) {
          rmSync(full, { force: true });
          rmSync(`${full}.map`, { force: true });
        }
      }
    }
  }
}
await Promise.all(jobs);
console.log(`build${only ? ` ${only}` : ''}: ${jobs.length} files transpiled, ${skipped} up to date, in ${Math.round(performance.now() - started)} ms`);
