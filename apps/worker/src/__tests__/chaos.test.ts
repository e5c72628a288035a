import { execFile } from 'node:child_process';
import path from 'node:path';

/**
 * A fixed-seed slice of `npm run chaos` (scripts/chaos.mjs): two APIs and three workers on a stack
 * of their own, faults at the seed's random moments, and the same verdict as the full run (no
 * repeat outside the documented window, no miss, every webhook once and verified, every API answer
 * within a second). The full run is `npm run chaos`; this keeps the script itself from rotting.
 */
it('a small fixed-seed chaos run keeps every delivery promise and the APIs keep answering', async () => {
  const root = path.resolve(__dirname, '../../../..');
  const env = { ...process.env, CHAOS_ITEMS: '5000', CHAOS_EVENTS: '300', CHAOS_SEED: '20261207', CHAOS_TIMEOUT_MS: '120000' };
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    execFile(process.execPath, [path.join(root, 'scripts/chaos.mjs')], { cwd: root, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
  if (code !== 0) throw new Error(`chaos slice failed (exit ${code}):\n${output.slice(-4000)}`);
  expect(output).toMatch(/chaos: every promise kept/);
  expect(output).toMatch(/misses 0/);
}, 240_000);
