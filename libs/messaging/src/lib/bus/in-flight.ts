/**
 * Counts work under way (requests being answered) and says when none is left: what a graceful
 * shutdown waits for before it closes the connections that work still needs.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  /** Marks one piece of work as started; the function it returns marks it finished (once, however often it is called). */
  begin(): () => void {
    this.count += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count -= 1;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    };
  }

  /** Resolves once nothing is under way (at once if nothing is). */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** Waits for `work` for at most `ms`: `done` if it settled in time (resolved or rejected), `timeout` otherwise. */
export async function withDeadline(work: Promise<unknown>, ms: number): Promise<'done' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([work.then(() => 'done' as const, () => 'done' as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
