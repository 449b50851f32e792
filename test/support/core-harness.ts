/**
 * The core on fakes: the in-memory store, a scripted Azure, a recording notifier, the embedded
 * job queue and a clock the test moves. Fast, no network, no disk.
 */

import { RULES } from '../../src/checks';
import type { MessageRef } from '../../src/core/attempt';
import type { CommandContext, CoreDeps } from '../../src/core/commands/context';
import { beginConnect, startConnect } from '../../src/core/connect/begin';
import { CONNECT_JOB, connectJob } from '../../src/core/connect/job';
import { EXPIRY_JOB, expiryCheckJob } from '../../src/core/expiry/check';
import { NOTIFY_JOB, notifyJob } from '../../src/core/notify/deliver';
import type { AzureConnector } from '../../src/core/ports';
import type { Rule } from '../../src/core/posture/rule';
import { SCHEDULED_SYNC_JOB } from '../../src/core/schedule/schedule';
import { scheduledSyncJob } from '../../src/core/schedule/scheduled-sync';
import { SYNC_JOB, syncJob } from '../../src/core/sync/job';
import { EmbeddedJobs } from '../../src/jobs/embedded';
import { FakeAzure } from '../fakes/fake-azure';
import { MemoryStore } from '../fakes/memory-store';
import { RecordingNotifier } from '../fakes/recording-notifier';
import { fakeLogger } from '../store/store-fixtures';

export class ManualClock {
  constructor(private t = new Date('2026-12-01T12:00:00.000Z').getTime()) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface CoreWorld {
  core: CoreDeps;
  store: MemoryStore;
  azure: FakeAzure;
  notifier: RecordingNotifier;
  jobs: EmbeddedJobs;
  clock: ManualClock;
  log: ReturnType<typeof fakeLogger>;
  ctx(overrides?: Partial<CommandContext>): CommandContext;
}

export interface CoreWorldOptions {
  admins?: string[];
  rules?: readonly Rule[];
  /** A real AzureConnector (the AzureEngine on the emulator) instead of the scripted one. */
  connector?: AzureConnector;
  /** OSTO_SYNC_INTERVAL (default 6 hours). */
  syncIntervalMs?: number;
  /** OSTO_EXPIRY_CHECK_INTERVAL (default 1 hour). */
  expiryCheckIntervalMs?: number;
  expiryThresholdsDays?: number[];
}

export function coreWorld(opts: CoreWorldOptions = {}): CoreWorld {
  const clock = new ManualClock();
  const store = new MemoryStore(clock);
  const azure = new FakeAzure();
  const notifier = new RecordingNotifier();
  const log = fakeLogger();
  const jobs = new EmbeddedJobs(store.jobs, clock, log, { retryDelayMs: 1 });
  const core: CoreDeps = {
    store,
    clock,
    log,
    azure: opts.connector ?? azure,
    jobs,
    notifier,
    rules: opts.rules ?? RULES,
    ...(opts.admins ? { admins: opts.admins } : {}),
    ...(opts.syncIntervalMs ? { syncIntervalMs: opts.syncIntervalMs } : {}),
    ...(opts.expiryCheckIntervalMs ? { expiryCheckIntervalMs: opts.expiryCheckIntervalMs } : {}),
    ...(opts.expiryThresholdsDays ? { expiryThresholdsDays: opts.expiryThresholdsDays } : {}),
  };
  jobs.register(CONNECT_JOB, connectJob(core));
  jobs.register(SYNC_JOB, syncJob(core));
  jobs.register(SCHEDULED_SYNC_JOB, scheduledSyncJob(core), { concurrency: 2 });
  jobs.register(NOTIFY_JOB, notifyJob(core));
  jobs.register(EXPIRY_JOB, expiryCheckJob(core));
  return {
    core,
    store,
    azure,
    notifier,
    jobs,
    clock,
    log,
    ctx: (o = {}) => ({
      workspace: { id: 'teams:t1', channel: 'teams' },
      actor: 'ada',
      channel: 'teams',
      conversationKey: 'conv-1',
      ...o,
    }),
  };
}

/** Where a test's replies are (a card in conversation conv-1). */
export function messageAt(w: CoreWorld, messageId: string): MessageRef {
  return { channel: 'teams', workspaceId: w.ctx().workspace.id, conversationKey: 'conv-1', messageId };
}

/** The whole connect flow: the form submitted, the attempt verified as a job; the connection made. */
export async function connectThrough(
  w: CoreWorld,
  form: Record<string, string>,
  key = `card-${form.name ?? 'x'}`,
  ctx: Partial<CommandContext> = {},
) {
  const where = {
    ...messageAt(w, key),
    ...(ctx.conversationKey ? { conversationKey: ctx.conversationKey } : {}),
  };
  const start = await beginConnect(w.core, w.ctx(ctx), key, form, where);
  if (start.kind !== 'started') throw new Error(`connect not started: ${start.kind}`);
  await startConnect(w.core, start.attempt);
  await w.jobs.runDue();
  const connection = await w.store.connections.findByName(w.ctx().workspace.id, form.name ?? '');
  return { attempt: start.attempt, connection, result: w.notifier.sent.at(-1)?.reply };
}
