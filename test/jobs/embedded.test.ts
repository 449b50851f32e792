/**
 * The embedded job queue over the in-memory store: limits (all kinds, and per kind), recurring
 * jobs, retries with backoff, and what a restart finds.
 */
import type { Job } from '../../src/core/jobs';
import { EmbeddedJobs } from '../../src/jobs/embedded';
import { MemoryStore } from '../fakes/memory-store';
import { fakeLogger } from '../store/store-fixtures';
import { ManualClock } from '../support/core-harness';

function setup(opts: { concurrency?: number } = {}) {
  const clock = new ManualClock();
  const store = new MemoryStore(clock);
  const jobs = new EmbeddedJobs(store.jobs, clock, fakeLogger(), {
    retryDelayMs: 1_000,
    concurrency: opts.concurrency ?? 4,
  });
  return { clock, store, jobs };
}

const until = async (check: () => boolean, ms = 2_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('the embedded job queue', () => {
  it('runs at most a kind’s own limit at once, and other kinds beside it', async () => {
    const { jobs } = setup({ concurrency: 4 });
    let running = 0;
    let most = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const fast: string[] = [];
    jobs.register(
      'sync',
      {
        run: async () => {
          running += 1;
          most = Math.max(most, running);
          await gate;
          running -= 1;
        },
      },
      { concurrency: 2 },
    );
    jobs.register('other', { run: async (j) => void fast.push(j.key) });
    for (let i = 0; i < 6; i++) await jobs.enqueue({ kind: 'sync', key: `s${i}`, payload: {} });
    await jobs.enqueue({ kind: 'other', key: 'o1', payload: {} });
    await jobs.start();
    await until(() => running === 2 && fast.length === 1);
    expect(most).toBe(2);
    release();
    expect(await jobs.idle(2_000)).toBe(true);
    expect(most).toBe(2);
    await jobs.stop(1_000);
  });

  it('a recurring job runs again at the time it asks for, as one record', async () => {
    const { clock, store, jobs } = setup();
    const runs: number[] = [];
    jobs.register('tick', {
      run: async (j: Job) => {
        runs.push(j.attempt);
        return { next: new Date(clock.now().getTime() + 60_000) };
      },
    });
    await jobs.enqueue({ kind: 'tick', key: 'k', payload: {} });
    await jobs.runDue();
    await jobs.runDue();
    expect(runs).toEqual([1]);
    clock.advance(60_000);
    await jobs.runDue();
    expect(runs).toEqual([1, 1]);
    expect(await store.jobs.findOpen('tick', 'k')).toMatchObject({ status: 'queued', attempt: 0 });
  });

  it('deletes finished jobs after a week, looking at most once an hour', async () => {
    const clock = new ManualClock();
    const store = new MemoryStore(clock);
    const asked: string[] = [];
    const repo = {
      ...store.jobs,
      prune: (before: Date) => {
        asked.push(before.toISOString());
        return store.jobs.prune(before);
      },
    };
    const jobs = new EmbeddedJobs(repo, clock, fakeLogger(), { pollMs: 10 });
    jobs.register('once', { run: async () => undefined });
    await jobs.enqueue({ kind: 'once', key: 'old', payload: {} });
    await jobs.start();
    await until(() => asked.length === 1);
    expect(await jobs.idle(2_000)).toBe(true);
    // Done now; a week and a day later it goes, and a job done since stays.
    clock.advance(8 * 86_400_000);
    await jobs.enqueue({ kind: 'once', key: 'new', payload: {} });
    await until(() => asked.length === 2);
    expect(asked[1]).toBe(new Date(clock.now().getTime() - 7 * 86_400_000).toISOString());
    await new Promise((r) => setTimeout(r, 50));
    expect(asked).toHaveLength(2);
    // Only the new one is left to prune: the old one went with the queue's look.
    expect(await jobs.idle(2_000)).toBe(true);
    expect(await store.jobs.prune(new Date(clock.now().getTime() + 1))).toBe(1);
    await jobs.stop(1_000);
  });

  it('retries a failed run after a growing delay, then gives up once and says why', async () => {
    const { clock, jobs } = setup();
    const tries: number[] = [];
    const gaveUp: string[] = [];
    jobs.register('flaky', {
      run: async (j) => {
        tries.push(j.attempt);
        throw new Error(`try ${j.attempt} failed`);
      },
      giveUp: async (_j, reason) => void gaveUp.push(reason),
    });
    await jobs.enqueue({ kind: 'flaky', key: 'k', payload: {}, maxAttempts: 3 });
    await jobs.runDue();
    clock.advance(999);
    await jobs.runDue();
    expect(tries).toEqual([1]);
    clock.advance(1);
    await jobs.runDue();
    expect(tries).toEqual([1, 2]);
    clock.advance(2_000);
    await jobs.runDue();
    expect(tries).toEqual([1, 2, 3]);
    expect(gaveUp).toEqual(['Error: try 3 failed']);
  });

  it('at start, a job a stopped process left running runs again, or is given up without attempts left', async () => {
    const { clock, store } = setup();
    await store.jobs.enqueue({ kind: 'k', key: 'again', payload: {}, maxAttempts: 2, runAt: clock.now() });
    await store.jobs.enqueue({ kind: 'k', key: 'spent', payload: {}, maxAttempts: 1, runAt: clock.now() });
    await store.jobs.claimDue(clock.now(), ['k'], 10);
    const ran: string[] = [];
    const gaveUp: string[] = [];
    const next = new EmbeddedJobs(store.jobs, clock, fakeLogger(), { retryDelayMs: 1 });
    next.register('k', {
      run: async (j) => void ran.push(j.key),
      giveUp: async (j, reason) => void gaveUp.push(`${j.key}: ${reason}`),
    });
    await next.start();
    expect(await next.idle(2_000)).toBe(true);
    await next.stop(1_000);
    expect(ran).toEqual(['again']);
    expect(gaveUp).toEqual(['spent: interrupted by a restart']);
  });
});
