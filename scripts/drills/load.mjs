// Concurrent clients, each sending one request after another until told to stop, every request
// recorded with what it was and how it ended.
export function startLoad(clients, { pauseMs = 10 } = {}) {
  let stopping = false;
  const results = [];
  const inFlight = new Set();
  const loops = clients.map(async (next, clientIndex) => {
    for (let i = 0; !stopping; i++) {
      const request = next(i);
      const entry = { clientIndex, i, ...request.describe, sentAt: Date.now() };
      inFlight.add(entry);
      entry.result = await request.send();
      entry.endedAt = Date.now();
      inFlight.delete(entry);
      results.push(entry);
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  });
  return {
    results,
    inFlight,
    /** Resolves when every client has finished its current request. */
    async stop() {
      stopping = true;
      await Promise.all(loops);
      return results;
    },
  };
}

/** Resolves with the first result matching `test` (checked every 50 ms), or null after `timeoutMs`. */
export async function firstResult(results, test, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = results.find(test);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
