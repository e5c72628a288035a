interface Waiting<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: callers ask for one item each, and every item asked for while a statement is being
 * written goes into the next statement together. Each caller still waits for its own answer, so a
 * sender that waits for its claim or its SENT mark keeps the ledger's windows as short as one
 * statement, while the statements carry as many rows as there are senders waiting. `write` answers
 * in the order it was given.
 */
export class Coalescer<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private writing = false;

  constructor(private readonly write: (inputs: In[]) => Promise<Out[]>) {}

  call(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain() {
    this.writing = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0);
      try {
        const outputs = await this.write(batch.map((w) => w.input));
        for (const [i, w] of batch.entries()) w.resolve(outputs[i]!);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.writing = false;
  }
}
