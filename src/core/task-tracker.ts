/**
 * Work that outlives the request that started it (a verification after the card was
 * answered). Every task is tracked so shutdown can wait for it; none is fire-and-forget:
 * a task handles its own failure (tells the user) and the tracker logs anything left.
 */
export class TaskTracker {
  private readonly tasks = new Set<Promise<void>>();
  private entered = 0;
  private readonly idle: (() => void)[] = [];

  constructor(private readonly onUnhandled: (error: unknown) => void) {}

  run(task: () => Promise<void>): void {
    const p = task().catch(this.onUnhandled);
    this.tasks.add(p);
    void p.finally(() => this.tasks.delete(p));
  }

  /**
   * Counts work that is not a promise of its own (a request in flight) without allocating one:
   * returns the function that ends it. `drain` waits for these too.
   */
  enter(): () => void {
    this.entered += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.entered -= 1;
      if (this.entered === 0) for (const wake of this.idle.splice(0)) wake();
    };
  }

  get size(): number {
    return this.tasks.size + this.entered;
  }

  /** Resolves when every running task has finished, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    const entered = this.entered === 0 ? Promise.resolve() : new Promise<void>((r) => this.idle.push(r));
    const all = Promise.allSettled([...this.tasks, entered]).then(() =>
      this.tasks.size > 0 ? this.drain(timeoutMs) : true,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), timeoutMs);
    });
    try {
      return await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
