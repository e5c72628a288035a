import 'reflect-metadata';
import { configOrExit } from '@waymark/config';
import { startWorker } from './worker';

async function main() {
  const cfg = configOrExit('worker');
  const worker = await startWorker(cfg);
  console.log(`Worker ready: queues ${worker.workers.map((w) => w.name).join(', ')}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping worker`);
    const result = await worker.stop();
    if (result.timedOut) console.error(`shutdown passed its ${cfg.SHUTDOWN_DEADLINE_MS} ms deadline after: ${result.completed.join(', ')}`);
    process.exit(result.timedOut || result.failed.length ? 1 : 0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
