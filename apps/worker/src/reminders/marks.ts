import type { Claim } from './ledger';

interface Waiting {
  claim: Claim;
  resolve: (owned: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit of "marked SENT": a send that SMTP accepted waits here for its mark, and every mark
 * that arrives while one is being written goes into the next statement together. Each sender waits
 * for its own mark before it sends again, so the window between "accepted" and "marked" stays one
 * statement long while the statements carry many rows. `write` returns the ids it marked (the
 * fenced ones, still owned by this attempt); it retries on its own and throws only when it gives up.
 */
export class SentMarks {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly write: (claims: Claim[]) => Promise<Set<string>>) {}

  /** Resolves true once marked, false when a later attempt owns the claim; rejects when the mark could not be written. */
  mark(claim: Claim): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ claim, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain() {
    this.writing = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0);
      try {
        const marked = await this.write(batch.map((w) => w.claim));
        for (const w of batch) w.resolve(marked.has(w.claim.id));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.writing = false;
  }
}
