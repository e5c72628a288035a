// Hot pure paths, no database: scoring one whole assessment and loading the bundled frameworks.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { scoreAssessment } = require('../../packages/domain/dist/index.js');
const { loadBundledFrameworks, scoringShape } = require('../../packages/frameworks/dist/index.js');

function time(label, iterations, fn) {
  fn(0);
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - start;
  const result = { label, opsPerSecond: iterations / (ms / 1000), msPerOp: ms / iterations };
  console.log(`${label.padEnd(48)} ${result.opsPerSecond.toFixed(0).padStart(10)} ops/s  (${result.msPerOp.toFixed(4)} ms/op)`);
  return result;
}

/** The keys that take an answer: parts (or actions without parts) and evidence prompts. */
export function answerKeys() {
  const shape = scoringShape(loadBundledFrameworks()[0]);
  return {
    practiceKeys: shape.flatMap((e) => e.actions.flatMap((a) => (a.partKeys.length ? a.partKeys : [a.key]))),
    promptKeys: shape.flatMap((e) => e.promptKeys),
  };
}

export function runPureBenchmarks() {
  const framework = loadBundledFrameworks()[0];
  const shape = scoringShape(framework);
  const values = ['YES', 'STARTED', 'NO'];
  const evidenceValues = ['YES', 'NO', 'NOT_APPLICABLE'];
  const answerSets = Array.from({ length: 1000 }, (_, n) => ({
    practice: new Map(shape.flatMap((e) => e.actions.flatMap((a) => (a.partKeys.length ? a.partKeys : [a.key]))).map((k, i) => [k, values[(n + i) % 3]])),
    evidence: new Map(shape.flatMap((e) => e.promptKeys).map((k, i) => [k, evidenceValues[(n * 7 + i) % 3]])),
  }));

  const results = [
    time('score one whole assessment (Partnerships)', 100_000, (i) => scoreAssessment(shape, answerSets[i % answerSets.length])),
    time('load + validate + hash bundled frameworks', 200, () => loadBundledFrameworks()),
  ];
  const mem = process.memoryUsage();
  console.log(`heap used ${(mem.heapUsed / 1e6).toFixed(1)} MB, rss ${(mem.rss / 1e6).toFixed(1)} MB`);
  return results;
}
