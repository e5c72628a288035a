// Starts client-process.mjs and talks to it over IPC: `await client.run('load', {...})`.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'client-process.mjs');

export function startClient() {
  const child = fork(CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let sequence = 0;
  child.on('message', ({ id, result, error }) => {
    const waiter = pending.get(id);
    pending.delete(id);
    if (error) waiter?.reject(new Error(`bench client: ${error}`));
    else waiter?.resolve(result);
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`bench client exited (${code})`));
    pending.clear();
  });
  return {
    pid: child.pid,
    run(command, args) {
      return new Promise((resolve, reject) => {
        const id = ++sequence;
        pending.set(id, { resolve, reject });
        child.send({ id, command, args });
      });
    },
    close() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
