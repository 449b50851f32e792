/**
 * Work that outlives a request: a stored job per piece of work, run by the `Jobs` port. The
 * embedded implementation (src/jobs) keeps the records in the store and runs them in-process with
 * a concurrency limit; a pg-boss implementation maps the same calls onto `send` (singletonKey,
 * retryLimit, startAfter) and `work`.
 */

export interface JobSpec {
  kind: string;
  /** At most one unfinished job per kind and key (a second enqueue is a no-op). */
  key: string;
  payload: Record<string, unknown>;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Runs at most this many times, counting a run cut short by a restart (default 2). */
  maxAttempts?: number;
}

export interface Job {
  id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

/** What a run may ask for: a recurring job (a connection's schedule) says when it runs next. */
export interface JobOutcome {
  /** Run again at this time, as a fresh job (the same record: one per kind and key). */
  next?: Date;
}

export interface JobHandler {
  // biome-ignore lint/suspicious/noConfusingVoidType: most handlers return nothing; a recurring one returns its next time
  run(job: Job): Promise<void | JobOutcome>;
  /**
   * Called once when the job will not run again (its last attempt failed, or a restart found it
   * cut short with no attempts left): the place to tell the user.
   */
  giveUp?(job: Job, reason: string): Promise<void>;
}

export interface Jobs {
  /** Stores the job; false when an unfinished one with that kind and key exists already. */
  enqueue(spec: JobSpec): Promise<boolean>;
  /** Looks at the queue now: for jobs stored by a transaction through the store's own job repo. */
  nudge(): void;
}

/** How many jobs of a kind may run at once (all kinds together are limited too). */
export interface KindOptions {
  concurrency?: number;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** A job as stored. */
export interface JobRecord extends Job {
  status: JobStatus;
  runAt: string;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
}
