// Keeps one child process running: restarts it when it dies (restart-policy.mjs), gives up on it
// alone when it keeps dying, and stops it with a deadline. Nothing here stops any other child: a
// dead API leaves the database, Redis and the worker running, and the other way round.
import { DEFAULT_POLICY, nextRestart } from './restart-policy.mjs';
import { describeExit, duration, log, warn } from './output.mjs';

const exited = (child) => child.exitCode !== null || child.signalCode !== null;

export function waitForExit(child, ms) {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Resolves when `check()` is true, rejects when the child exits first or `timeoutMs` passes. */
export async function readyWhen(child, check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`it exited (${describeExit(child.exitCode, child.signalCode)}) before ${what}`);
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${duration(timeoutMs)}`);
}

/**
 * @typedef {object} ChildSpec
 * @property {string} name how messages name it: "api", "redis-server", "the embedded PostgreSQL"
 * @property {() => import('node:child_process').ChildProcess} spawn
 * @property {(child: import('node:child_process').ChildProcess) => Promise<void>} [ready] must succeed, or this start failed
 * @property {(child: import('node:child_process').ChildProcess) => Promise<string | null>} [announce] after a restart: what to add to "is back"
 * @property {NodeJS.Signals} [stopSignal] default SIGTERM
 * @property {number} stopDeadlineMs then SIGKILL
 * @property {string} [onGiveUp] what the rest of the stack does without it, for the give-up message
 * @property {typeof DEFAULT_POLICY} [policy]
 */

export class Supervised {
  /** @param {ChildSpec} spec */
  constructor(spec) {
    this.spec = spec;
    this.policy = spec.policy ?? DEFAULT_POLICY;
    /** @type {'idle' | 'starting' | 'running' | 'waiting' | 'gave-up' | 'stopping' | 'stopped'} */
    this.state = 'idle';
    this.child = null;
    this.restarts = [];
    this.timer = null;
    this.startedAt = 0;
    this.everReady = false;
  }

  /** The first start: rejects when the child does not start or get ready, so start-up can stop. */
  async start() {
    await this.#launch();
  }

  async #launch() {
    this.state = 'starting';
    const child = this.spec.spawn();
    this.child = child;
    this.startedAt = Date.now();
    child.once('exit', (code, signal) => this.#exited(child, code, signal));
    child.once('error', (error) => warn(`${this.spec.name}: ${error.message}`));
    try {
      await this.spec.ready?.(child);
    } catch (error) {
      // Not ready: make sure it is gone; its exit then goes through the restart policy (or, on the
      // first start, start() rejects and start-up stops).
      if (!exited(child)) child.kill('SIGKILL');
      throw error;
    }
    if (this.state === 'starting') this.state = 'running';
    this.everReady = true;
  }

  #exited(child, code, signal) {
    if (child !== this.child || this.state === 'stopping' || this.state === 'stopped') return;
    // Dying before it was ever ready is a start-up failure: start() rejects and start-up stops.
    if (!this.everReady) return;
    const now = Date.now();
    const decision = nextRestart(this.restarts, { now, code }, this.policy);
    const how = `${this.spec.name} stopped unexpectedly (${describeExit(code, signal)}) after ${duration(now - this.startedAt)}`;
    if (decision.giveUp) {
      this.state = 'gave-up';
      warn(`${how}. Giving up on it: ${decision.reason}.${this.spec.onGiveUp ? ` ${this.spec.onGiveUp}` : ''}`);
      warn(`The rest keeps running. Fix the cause, then stop (Ctrl-C) and run npm start again.`);
      return;
    }
    this.state = 'waiting';
    warn(`${how}; starting it again in ${duration(decision.delayMs)} (restart ${decision.attempt} of at most ${this.policy.maxRestarts} within ${this.policy.windowMs / 1000} s).`);
    this.timer = setTimeout(() => void this.#restart(), decision.delayMs);
  }

  async #restart() {
    this.timer = null;
    if (this.state !== 'waiting') return;
    this.restarts.push(Date.now());
    try {
      await this.#launch();
    } catch (error) {
      if (this.state !== 'stopping' && this.state !== 'stopped') warn(`${this.spec.name} did not come back: ${error.message}`);
      return; // its exit is handled by #exited, which applies the policy again
    }
    const extra = await this.spec.announce?.(this.child).catch(() => null);
    if (this.state === 'running') log(`${this.spec.name} is running again (pid ${this.child.pid})${extra ? `: ${extra}` : ''}.`);
  }

  get alive() {
    return this.child !== null && !exited(this.child);
  }

  /** Stops it for good (no restart), SIGKILL after the deadline. */
  async stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const previous = this.state;
    this.state = 'stopping';
    const child = this.child;
    if (child && !exited(child) && previous !== 'idle') {
      child.kill(this.spec.stopSignal ?? 'SIGTERM');
      if (!(await waitForExit(child, this.spec.stopDeadlineMs))) {
        log(`${this.spec.name} did not stop within ${duration(this.spec.stopDeadlineMs)}; killing it.`);
        child.kill('SIGKILL');
        await waitForExit(child, 5000);
      }
    }
    this.state = 'stopped';
  }

  /** For the last-resort exit handler: a signal now, no waiting. */
  signal(signal) {
    if (this.child && !exited(this.child)) this.child.kill(signal);
  }
}
