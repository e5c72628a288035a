// One-off start-up steps (migrate, seed) with the console attached.
import { spawn } from 'node:child_process';
import { describeExit, fail } from './output.mjs';
import { ROOT } from './settings.mjs';

/** Runs `node <args>`; rejects when it fails. `track` receives the child so shutdown can stop it. */
export function runStep(args, env, track) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
    track(child);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      track(null);
      if (code === 0) resolve();
      else reject(fail(`"node ${args.join(' ')}" failed (${describeExit(code, signal)}).`));
    });
  });
}
