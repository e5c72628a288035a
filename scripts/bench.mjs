// Prints figures for hot pure paths. Run with `npm run bench` (builds first). Figures only: no assertions.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { scoreAssessment } = require('../packages/domain/dist/index.js');
const { loadBundledFrameworks, scoringShape } = require('../packages/frameworks/dist/index.js');

function time(label, iterations, fn) {
  fn(0);
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - start;
  console.log(`${label.padEnd(48)} ${(iterations / (ms / 1000)).toFixed(0).padStart(10)} ops/s  (${(ms / iterations).toFixed(4)} ms/op)`);
}

const framework = loadBundledFrameworks()[0];
const shape = scoringShape(framework);
const values = ['YES', 'STARTED', 'NO'];
const evidenceValues = ['YES', 'NO', 'NOT_APPLICABLE'];
const answerSets = Array.from({ length: 1000 }, (_, n) => ({
  practice: new Map(shape.flatMap((e) => e.actions.flatMap((a) => (a.partKeys.length ? a.partKeys : [a.key]))).map((k, i) => [k, values[(n + i) % 3]])),
  evidence: new Map(shape.flatMap((e) => e.promptKeys).map((k, i) => [k, evidenceValues[(n * 7 + i) % 3]])),
}));

console.log(`Waymark benchmarks (node ${process.version})`);
time('score one whole assessment (Partnerships)', 100_000, (i) => scoreAssessment(shape, answerSets[i % answerSets.length]));
time('load + validate + hash bundled frameworks', 200, () => loadBundledFrameworks());
const mem = process.memoryUsage();
console.log(`heap used ${(mem.heapUsed / 1e6).toFixed(1)} MB, rss ${(mem.rss / 1e6).toFixed(1)} MB`);
