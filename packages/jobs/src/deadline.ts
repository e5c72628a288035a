/** The rejection of `within` when the time is up (callers tell it from the work's own failures). */
export class DeadlinePassed extends Error {}

/**
 * Settles as `work` does, or rejects with `error()` once `ms` have passed (the timer never keeps
 * the process alive). The work itself is not stopped: a caller that must stop it (an SMTP send)
 * does so when this rejects. For everything the API and the worker wait on that might not answer:
 * the database's readiness check, Redis, an SMTP server.
 */
export function within<T>(ms: number, work: Promise<T>, error: () => Error = () => new DeadlinePassed(`no answer within ${ms} ms`)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
