/**
 * When a receiver should fail: for the next `times` attempts, for `forMs` milliseconds, or (with
 * neither) until told otherwise. Shared by the SMTP and HTTP receivers so both read the same way.
 */
export interface FailureOptions {
  times?: number;
  forMs?: number;
}

export class FaultWindow {
  private remaining: number | null = null;
  private until: number | null = null;
  private active = false;

  open({ times, forMs }: FailureOptions = {}): void {
    this.active = true;
    this.remaining = times ?? null;
    this.until = forMs === undefined ? null : Date.now() + forMs;
  }

  close(): void {
    this.active = false;
  }

  /** Whether this attempt should fail; counts it against `times`. */
  take(): boolean {
    if (!this.active) return false;
    if (this.until !== null && Date.now() >= this.until) {
      this.active = false;
      return false;
    }
    if (this.remaining !== null) {
      if (this.remaining <= 0) {
        this.active = false;
        return false;
      }
      this.remaining -= 1;
    }
    return true;
  }
}
