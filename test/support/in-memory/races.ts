// The fault a fast test injects around a use case: another writer's change landing between the use case's read and
// its conditional write, exactly where a concurrent request, the email worker or a timer would land in production.
export type RacingWrite = () => Promise<unknown>;

export class WriteRaces {
  private readonly pending: { hook: RacingWrite; remaining: number }[] = [];
  private running = false;

  /**
   * Before each of the next `times` conditional writes of this repository, runs `hook` (typically a whole other use
   * case, or a background write). The hook's own writes go straight through, so it can use the same repository.
   */
  beforeNextWrite(hook: RacingWrite, times = 1): void {
    this.pending.push({ hook, remaining: times });
  }

  /** Drops the hooks not run yet (e.g. after contention that was meant never to end). */
  clear(): void {
    this.pending.length = 0;
  }

  /** Called by the repository right before it writes. */
  async run(): Promise<void> {
    const next = this.pending[0];
    if (!next || this.running) return;
    if (--next.remaining <= 0) this.pending.shift();
    this.running = true;
    try {
      await next.hook();
    } finally {
      this.running = false;
    }
  }
}
