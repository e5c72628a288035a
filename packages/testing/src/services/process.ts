import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';

export interface SpawnSpec {
  command: string;
  args: string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this OS user (set when the tests run as root and the program refuses root). */
  user?: { uid: number; gid: number };
}

export type ExitStatus = { code: number | null; signal: NodeJS.Signals | null };

/**
 * Every process started here, so a test process that exits without cleaning up (a failed
 * `beforeAll`, a Jest worker being recycled) does not leave servers behind on the machine.
 */
const live = new Set<RunningProcess>();
process.once('exit', () => {
  for (const p of live) p.signalTree('SIGKILL');
});

/**
 * One started program, in its own process group so a terminal's Ctrl-C does not reach it. Signals
 * go to it, or to it and the processes it forked: PostgreSQL puts each backend in a session of its
 * own, so signalling a process group would miss them. Nothing else on the machine is ever signalled.
 */
export class RunningProcess {
  readonly pid: number;
  readonly exited: Promise<ExitStatus>;
  private status: ExitStatus | null = null;

  private constructor(private readonly child: ChildProcess) {
    this.pid = child.pid!;
    live.add(this);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.status = { code, signal };
        live.delete(this);
        resolve(this.status);
      });
    });
  }

  static start(spec: SpawnSpec): Promise<RunningProcess> {
    const log = openSync(spec.logFile, 'a');
    try {
      const child = spawn(spec.command, spec.args, {
        cwd: spec.cwd,
        env: spec.env ?? process.env,
        stdio: ['ignore', log, log],
        detached: true,
        uid: spec.user?.uid,
        gid: spec.user?.gid,
      });
      return new Promise((resolve, reject) => {
        child.once('error', reject);
        child.once('spawn', () => resolve(new RunningProcess(child)));
      });
    } finally {
      closeSync(log);
    }
  }

  get running(): boolean {
    return this.status === null;
  }

  get exitStatus(): ExitStatus | null {
    return this.status;
  }

  /** The main process only: a graceful stop is the server's own business. */
  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** The process and every process it forked, all found before any is signalled. */
  signalTree(signal: NodeJS.Signals): void {
    if (!this.running) return;
    for (const pid of [this.pid, ...descendants(this.pid)]) {
      try {
        process.kill(pid, signal);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
  }

  /** Resolves with the exit status, or null when it is still running after `ms`. */
  async waitForExit(ms: number): Promise<ExitStatus | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), ms);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The last lines of a log file, for error messages that say why a server did not start. */
export function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** `pid (comm) state ppid ...`; comm may hold spaces and parentheses, so read after the last ')'. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Live descendants of a process, read from /proc (Linux); none elsewhere. */
export function descendants(root: number): number[] {
  if (!existsSync('/proc')) return [];
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields && fields[0] !== 'Z') parentOf.set(Number(entry), Number(fields[1]));
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

/** Whether a process exists and is not a zombie (a killed server's children take a moment to go). */
export function alive(pid: number): boolean {
  if (existsSync('/proc')) {
    const fields = statFields(pid);
    return fields !== null && fields[0] !== 'Z';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
