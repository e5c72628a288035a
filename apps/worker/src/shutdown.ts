/**
 * Runs shutdown steps in order (stop taking work, drain, close queues, Redis, database) and gives
 * up after a deadline, so a stuck job cannot keep a process alive forever.
 */
export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
}

export interface ShutdownResult {
  completed: string[];
  timedOut: boolean;
  failed: { name: string; error: string }[];
}

export async function shutdownInOrder(steps: ShutdownStep[], deadlineMs: number): Promise<ShutdownResult> {
  const result: ShutdownResult = { completed: [], timedOut: false, failed: [] };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), deadlineMs);
  });
  const run = (async () => {
    for (const step of steps) {
      try {
        await step.run();
        result.completed.push(step.name);
      } catch (error) {
        result.failed.push({ name: step.name, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return 'done' as const;
  })();
  result.timedOut = (await Promise.race([run, deadline])) === 'deadline';
  clearTimeout(timer);
  return result;
}
