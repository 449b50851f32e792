/**
 * The embedded implementation of the Jobs port: job records in the store (so work survives a
 * restart and is never run twice at once), run in this process with a concurrency limit. At
 * start, jobs a stopped process left running are queued again while they have attempts left,
 * and given up (the handler tells the user) when they have none.
 */
import type { Job, JobHandler, JobRecord, JobSpec, Jobs, KindOptions } from '../core/jobs';
import type { Clock, Logger } from '../core/ports';
import type { JobRepo } from '../core/store/ports';

export interface EmbeddedJobsOptions {
  /** Jobs running at once, all kinds together. */
  concurrency: number;
  /** Wait before the second attempt of a failed job (doubles each time). */
  retryDelayMs: number;
  /** Longest sleep between two looks at the queue. */
  pollMs: number;
  /** How long finished jobs (done or failed) stay stored, to look into; then they are deleted. */
  keepFinishedMs: number;
}

export const DEFAULT_JOBS_OPTIONS: EmbeddedJobsOptions = {
  concurrency: 4,
  retryDelayMs: 5_000,
  pollMs: 30_000,
  keepFinishedMs: 7 * 86_400_000,
};

/** Finished jobs are pruned at most this often. */
const PRUNE_EVERY_MS = 3_600_000;

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export class EmbeddedJobs implements Jobs {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly limits = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private readonly runningByKind = new Map<string, number>();
  private readonly opts: EmbeddedJobsOptions;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private ticking = false;
  private again = false;
  private prunedAt = 0;

  constructor(
    private readonly repo: JobRepo,
    private readonly clock: Clock,
    private readonly log: Logger,
    opts: Partial<EmbeddedJobsOptions> = {},
  ) {
    this.opts = { ...DEFAULT_JOBS_OPTIONS, ...opts };
  }

  register(kind: string, handler: JobHandler, options: KindOptions = {}): void {
    this.handlers.set(kind, handler);
    if (options.concurrency !== undefined) this.limits.set(kind, Math.max(1, options.concurrency));
  }

  nudge(): void {
    this.wake();
  }

  /** Claims what is due now within the limits: all kinds together, and each kind's own. */
  private async claim(free: number): Promise<JobRecord[]> {
    const unlimited = [...this.handlers.keys()].filter((k) => !this.limits.has(k));
    const claimed: JobRecord[] = [];
    if (unlimited.length > 0 && free > 0)
      claimed.push(...(await this.repo.claimDue(this.clock.now(), unlimited, free)));
    for (const [kind, limit] of this.limits) {
      const room = Math.min(free - claimed.length, limit - (this.runningByKind.get(kind) ?? 0));
      if (room > 0) claimed.push(...(await this.repo.claimDue(this.clock.now(), [kind], room)));
    }
    return claimed;
  }

  async enqueue(spec: JobSpec): Promise<boolean> {
    const queued = await this.repo.enqueue({
      kind: spec.kind,
      key: spec.key,
      payload: spec.payload,
      maxAttempts: spec.maxAttempts ?? 2,
      runAt: spec.runAt ?? this.clock.now(),
    });
    this.wake();
    return queued;
  }

  /** Recovers what a stopped process left running, then starts taking jobs. */
  async start(): Promise<void> {
    for (const job of await this.repo.listRunning()) {
      const handler = this.handlers.get(job.kind);
      if (!handler) continue;
      if (job.attempt < job.maxAttempts) {
        this.log.info(
          { job: job.kind, key: job.key, attempt: job.attempt },
          'job cut short by a restart: queued again',
        );
        await this.repo.requeue(job.id, this.clock.now());
      } else {
        this.log.warn(
          { job: job.kind, key: job.key },
          'job cut short by a restart with no attempts left: given up',
        );
        await this.repo.fail(job.id, 'interrupted by a restart');
        await this.giveUp(handler, job, 'interrupted by a restart');
      }
    }
    this.started = true;
    this.wake();
  }

  /**
   * Graceful stop: runs what is due now and waits (up to `timeoutMs`) until nothing runs, then
   * stops taking jobs. What is left (due later, or cut short) stays stored and resumes at the next start.
   */
  async stop(timeoutMs: number): Promise<boolean> {
    const started = Date.now();
    const quiet = this.started ? await this.idle(timeoutMs) : true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const left = Math.max(0, timeoutMs - (Date.now() - started));
    const timeout = new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), left);
    });
    const done = Promise.allSettled([...this.running]).then(() => true);
    try {
      return (await Promise.race([done, timeout])) && quiet;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves when no job runs and none is due (or false after `timeoutMs`): tests and shutdown wait for quiet. */
  async idle(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (this.running.size === 0 && !this.ticking) {
        const next = await this.repo.nextRunAt([...this.handlers.keys()]);
        if (!next || next.getTime() > this.clock.now().getTime()) return true;
      }
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  get size(): number {
    return this.running.size;
  }

  /** For tests driving a fake clock: runs every due job (and what they enqueue that is due) to the end. */
  async runDue(): Promise<void> {
    for (;;) {
      const jobs = await this.claim(1_000);
      if (jobs.length === 0 && this.running.size === 0) return;
      for (const job of jobs) this.launch(job);
      await Promise.allSettled([...this.running]);
    }
  }

  private wake(): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 0);
  }

  private async tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    try {
      const kinds = [...this.handlers.keys()];
      const free = this.opts.concurrency - this.running.size;
      if (free > 0) for (const job of await this.claim(free)) this.launch(job);
      if (!this.started) return;
      await this.pruneFinished();
      const next = await this.repo.nextRunAt(kinds);
      const wait = next ? Math.max(0, next.getTime() - this.clock.now().getTime()) : this.opts.pollMs;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.tick(), Math.min(wait, this.opts.pollMs));
      this.timer.unref?.();
    } catch (e) {
      this.log.error({ err: e }, 'the job queue could not be read; trying again');
      this.timer = setTimeout(() => void this.tick(), 1_000);
      this.timer.unref?.();
    } finally {
      this.ticking = false;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    }
  }

  /** Keeps the records from growing without end: finished jobs go after `keepFinishedMs`. */
  private async pruneFinished(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    const removed = await this.repo.prune(new Date(now - this.opts.keepFinishedMs));
    if (removed > 0) this.log.info({ removed }, 'finished jobs pruned');
  }

  private launch(job: JobRecord): void {
    this.runningByKind.set(job.kind, (this.runningByKind.get(job.kind) ?? 0) + 1);
    const p = this.execute(job).finally(() => {
      this.running.delete(p);
      this.runningByKind.set(job.kind, (this.runningByKind.get(job.kind) ?? 1) - 1);
      this.wake();
    });
    this.running.add(p);
  }

  private async execute(job: JobRecord): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler) return;
    try {
      const outcome = await handler.run(job);
      if (outcome?.next) await this.repo.reschedule(job.id, outcome.next);
      else await this.repo.complete(job.id);
    } catch (e) {
      const reason = describe(e);
      this.log.warn({ err: e, job: job.kind, key: job.key, attempt: job.attempt }, 'job failed');
      try {
        if (job.attempt < job.maxAttempts) {
          const delay = this.opts.retryDelayMs * 2 ** (job.attempt - 1);
          await this.repo.fail(job.id, reason, new Date(this.clock.now().getTime() + delay));
        } else {
          await this.repo.fail(job.id, reason);
          await this.giveUp(handler, job, reason);
        }
      } catch (storeError) {
        this.log.error({ err: storeError, job: job.kind, key: job.key }, 'could not record a failed job');
      }
    }
  }

  private async giveUp(handler: JobHandler, job: Job, reason: string): Promise<void> {
    try {
      await handler.giveUp?.(job, reason);
    } catch (e) {
      this.log.error({ err: e, job: job.kind, key: job.key }, 'giving up a job failed too');
    }
  }
}
