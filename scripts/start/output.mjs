// Start-up messages and the children's output, each line prefixed with who said it.
import readline from 'node:readline';

export const log = (message) => console.log(`[start] ${message}`);
export const warn = (message) => console.error(`[start] ${message}`);

/** An error whose message is for the person at the terminal: printed without a stack trace. */
export const fail = (message) => Object.assign(new Error(message), { friendly: true });

/** Copies a child's output line by line with a `[name]` prefix, leaving out lines matching `skip`. */
export function prefixOutput(child, name, { skip = null, only = null } = {}) {
  for (const [stream, target] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    if (!stream) continue;
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (skip?.test(line) || (only && !only.test(line))) return;
      target.write(`[${name}] ${line}\n`);
    });
  }
}

export function describeExit(code, signal) {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

export function duration(ms) {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export const redact = (url) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
