/**
 * The second half of connecting, as a job: verify the stored attempt stage by stage, read the
 * inventory, store the connection (the secret moves from the attempt to the connection in one
 * transaction), and show each step where the attempt's progress lives. Every ending deletes the
 * attempt's secret and leaves an audit entry.
 */
import type { ConnectAttempt } from '../attempt';
import { isFinished } from '../attempt';
import type { CoreDeps } from '../commands/context';
import type { Connection } from '../connection';
import { newId } from '../ids';
import type { JobHandler } from '../jobs';
import { PostureEvaluator } from '../posture/evaluate';
import { planFor } from '../posture/plan';
import { displayName } from '../present/echo';
import { ProgressTracker } from '../progress';
import type { Reply } from '../reply';
import { interruptRotate, runRotate } from '../rotate/run';
import { DEFAULT_SYNC_INTERVAL_MS, nextSyncAt, scheduleSync } from '../schedule/schedule';
import { NameTakenError } from '../store/ports';
import { recordSync, type SyncSummary } from '../sync/record';
import { STAGE_TITLES, type StageError, type StageId, type StageWarning } from '../verification';
import type { FailureView } from '../views';
import { auditConnect } from './audit';
import { expiryWarning, resultView } from './result';

export const CONNECT_JOB = 'connect.verify';

/** A verification started this many times and never finished (a crash loop) ends as interrupted. */
const MAX_RUNS = 2;

interface Payload {
  workspaceId: string;
  attemptId: string;
}

function payloadOf(p: Record<string, unknown>): Payload {
  return { workspaceId: String(p.workspaceId ?? ''), attemptId: String(p.attemptId ?? '') };
}

export function connectJob(deps: CoreDeps): JobHandler {
  return {
    run: async (job) => {
      const { workspaceId, attemptId } = payloadOf(job.payload);
      const attempt = await deps.store.attempts.get(workspaceId, attemptId);
      if (!attempt || isFinished(attempt)) return;
      const rotate = attempt.kind === 'rotate';
      if (attempt.runs >= MAX_RUNS) return rotate ? interruptRotate(deps, attempt) : interrupt(deps, attempt);
      const running = await deps.store.attempts.markRunning(workspaceId, attemptId);
      // A new secret for a connection is verified the same way, as the same kind of job.
      await (rotate ? runRotate(deps, running) : runAttempt(deps, running));
    },
    giveUp: async (job) => {
      const { workspaceId, attemptId } = payloadOf(job.payload);
      const attempt = await deps.store.attempts.get(workspaceId, attemptId);
      if (!attempt || isFinished(attempt)) return;
      await (attempt.kind === 'rotate' ? interruptRotate(deps, attempt) : interrupt(deps, attempt));
    },
  };
}

function failureView(
  attempt: ConnectAttempt,
  e: Pick<StageError, 'message' | 'remedy'> & { stage: StageId; code: FailureView['code'] },
): FailureView {
  const name = displayName(attempt.values.name);
  return {
    name,
    title: `Could not connect ${name}`,
    stageId: e.stage,
    stageTitle:
      e.code === 'internal' || e.code === 'interrupted' ? 'Save the connection' : STAGE_TITLES[e.stage],
    code: e.code,
    reason: e.message,
    remedy: e.remedy,
    retryValues: attempt.values,
  };
}

async function show(deps: CoreDeps, attempt: ConnectAttempt, reply: Reply, final: boolean): Promise<void> {
  const delivery = await deps.notifier.update(attempt.progress, reply, { final });
  if (!delivery.ok)
    deps.log[final ? 'error' : 'warn'](
      { attempt: attempt.id, failure: delivery.failure, detail: delivery.detail },
      final ? 'could not deliver the outcome of a connect' : 'could not show a connect step',
    );
}

async function fail(
  deps: CoreDeps,
  attempt: ConnectAttempt,
  e: Pick<StageError, 'message' | 'remedy'> & { stage: StageId; code: FailureView['code'] },
  status: 'failed' | 'interrupted' = 'failed',
): Promise<void> {
  const outcome = status === 'interrupted' ? 'interrupted' : `${e.stage}: ${e.code}`;
  await deps.store.transaction(async (tx) => {
    await tx.attempts.finish(attempt.workspaceId, attempt.id, { status, outcome });
    await auditConnect(tx.audit, deps.clock, attempt, 'connect_failed', outcome, attempt.values.name);
  });
  deps.log.info({ workspace: attempt.workspaceId, attempt: attempt.id, outcome }, 'connect failed');
  await show(deps, attempt, { kind: 'failure', view: failureView(attempt, e) }, true);
}

/** Ends an attempt that a restart (or a crash loop) cut short: on the same card, "try again". */
function interrupt(deps: CoreDeps, attempt: ConnectAttempt): Promise<void> {
  return fail(
    deps,
    attempt,
    {
      stage: 'sync',
      code: 'interrupted',
      message: 'The verification was interrupted (the bot restarted); nothing was stored.',
      remedy: 'Try again.',
    },
    'interrupted',
  );
}

async function runAttempt(deps: CoreDeps, attempt: ConnectAttempt): Promise<void> {
  const { workspaceId } = attempt;
  const progress = new ProgressTracker(attempt.values.name, attempt.values.subscriptionId);
  try {
    const clientSecret = await deps.store.attempts.readSecret(workspaceId, attempt.id);
    const input = { ...attempt.values, clientSecret };
    const evaluator = new PostureEvaluator(deps.rules);
    const startedAt = deps.clock.now();
    let subscriptionName = '';
    const outcome = await deps.azure.connect(input, {
      onStage: async (r) => {
        progress.record(r);
        await show(deps, attempt, { kind: 'progress', view: progress.view() }, false);
      },
      plan: planFor(deps.rules),
      sink: {
        resource: (r) => evaluator.resource(r),
        subscription: (f) => evaluator.subscription(f, subscriptionName),
      },
      onVerified: (facts) => {
        subscriptionName = facts.subscriptionName;
      },
    });
    if (!outcome.ok) return fail(deps, attempt, outcome.error);
    const facts = outcome.facts;
    const total = outcome.sync.inventory.total;
    progress.record({
      stage: 'sync',
      status: 'ok',
      detail: `${total} assets, ${evaluator.findings().length} findings`,
    });
    await show(deps, attempt, { kind: 'progress', view: progress.view() }, false);

    const now = deps.clock.now();
    let connection: Connection;
    let summary: SyncSummary;
    try {
      ({ connection, summary } = await deps.store.transaction(async (tx) => {
        const c = await tx.connections.create(
          {
            workspaceId,
            name: attempt.values.name,
            ...(attempt.values.description ? { description: attempt.values.description } : {}),
            tenantId: facts.tenantId,
            subscriptionId: facts.subscriptionId,
            subscriptionName: facts.subscriptionName,
            clientId: attempt.values.clientId,
            principalId: facts.principalId,
            roles: facts.roles,
            status: 'active',
            ...(facts.secretExpiresOn ? { secretExpiresOn: facts.secretExpiresOn } : {}),
            expirySource: facts.expirySource,
            secretFingerprint: newId(deps),
            notify: 'changes',
            conversationKey: attempt.progress.conversationKey,
            createdBy: attempt.actor,
            ...(attempt.actorName ? { createdByName: attempt.actorName } : {}),
          },
          clientSecret,
        );
        const s = await recordSync(tx, deps.rules, c, outcome.sync, evaluator, 'connect', startedAt, now);
        // The result card announces the first findings; later messages name only what is new.
        await tx.findings.markAnnounced(workspaceId, c.id, now.toISOString());
        await scheduleSync(
          tx.jobs,
          c,
          nextSyncAt(c.id, now, deps.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS),
        );
        await tx.attempts.finish(workspaceId, attempt.id, {
          status: 'connected',
          outcome: 'connected',
          connectionId: c.id,
        });
        await auditConnect(
          tx.audit,
          deps.clock,
          attempt,
          'connect',
          `subscription ${c.subscriptionId}, ${total} assets`,
          c.name,
        );
        return { connection: s.connection, summary: s };
      }));
    } catch (e) {
      if (e instanceof NameTakenError)
        return fail(deps, attempt, {
          stage: 'sync',
          code: 'name_taken',
          message: `A connection named "${attempt.values.name}" was created here while this one was being verified.`,
          remedy: 'Try again with another name.',
        });
      throw e;
    }
    deps.jobs.nudge();
    deps.log.info({ workspace: workspaceId, connection: connection.id, assets: total }, 'connected');
    const warnings: Pick<StageWarning, 'message' | 'remedy'>[] = [...outcome.warnings];
    const soon = expiryWarning(facts.secretExpiresOn, now, deps.expiryThresholdsDays);
    if (soon) warnings.push(soon);
    const twins = (await deps.store.connections.list(workspaceId)).filter(
      (o) =>
        o.id !== connection.id && o.subscriptionId.toLowerCase() === connection.subscriptionId.toLowerCase(),
    );
    if (twins.length > 0) warnings.push(alsoConnectedAs(twins.map((t) => t.name)));
    await show(
      deps,
      attempt,
      { kind: 'result', view: resultView(connection, warnings, now, summary.partial) },
      true,
    );
  } catch (e) {
    // A crash is a failed attempt too: recorded, audited, and told on the card.
    deps.log.error({ err: e, workspace: workspaceId, attempt: attempt.id }, 'connect crashed');
    await fail(deps, attempt, {
      stage: 'sync',
      code: 'internal',
      message: 'Something went wrong on our side; nothing was stored.',
      remedy: 'Try again. If it keeps failing, ask whoever runs the bot to check its logs.',
    });
  }
}

/** The same subscription under several names: each syncs and posts on its own. */
function alsoConnectedAs(names: string[]): Pick<StageWarning, 'message' | 'remedy'> {
  const list = names.map((n) => `"${n}"`).join(', ');
  return {
    message: `This subscription is also connected here as ${list}: each connection syncs it and posts about it.`,
    remedy: `If one is enough, remove the other with /osto disconnect ${names[0]}.`,
  };
}

/** After a restart: attempts stored but never started (or cut short) get their job (a no-op if it exists). */
export async function recoverConnectAttempts(deps: CoreDeps): Promise<number> {
  const open = await deps.store.attempts.listUnfinished();
  for (const a of open)
    await deps.jobs.enqueue({
      kind: CONNECT_JOB,
      key: a.id,
      payload: { workspaceId: a.workspaceId, attemptId: a.id },
      maxAttempts: 2,
    });
  return open.length;
}
