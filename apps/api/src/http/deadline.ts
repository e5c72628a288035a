/**
 * Settles as `work` does, or rejects with `error()` once `ms` have passed (the timer never keeps
 * the process alive). For everything the API waits on that might not answer: the database's
 * readiness check, Redis.
 */
export function within<T>(ms: number, work: Promise<T>, error: () => Error = () => new Error(`no answer within ${ms} ms`)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
