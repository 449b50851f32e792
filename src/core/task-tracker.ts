/**
 * Work that outlives the request that started it (a verification after the card was
 * answered). Every task is tracked so shutdown can wait for it; none is fire-and-forget:
 * a task handles its own failure (tells the user) and the tracker logs anything left.
 */
export class TaskTracker {
  private readonly tasks = new Set<Promise<void>>();

  constructor(private readonly onUnhandled: (error: unknown) => void) {}

  run(task: () => Promise<void>): void {
    const p = task().catch(this.onUnhandled);
    this.tasks.add(p);
    void p.finally(() => this.tasks.delete(p));
  }

  get size(): number {
    return this.tasks.size;
  }

  /** Resolves when every running task has finished, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    const all = Promise.allSettled([...this.tasks]).then(() => true);
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
