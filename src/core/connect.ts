import type { Connection, Workspace } from './connection';
import type { ConnectInput } from './connection-input';
import { StageFailure } from './errors';
import { expiryText } from './format';
import type { AzureConnector, Clock, Logger } from './ports';
import { ProgressTracker } from './progress';
import { containsClientSecret, showableId } from './secret-shape';
import { NameTakenError, type Store } from './store-port';
import { type RawConnectForm, validateConnectInput } from './validate-connect-input';
import { STAGE_TITLES, type StageError } from './verification';
import {
  type ConnectFormView,
  type FailureView,
  type FormValues,
  type ProgressView,
  type ResultView,
  SHOWN_FIELDS,
} from './views';

export interface ConnectDeps {
  azure: AzureConnector;
  store: Store;
  clock: Clock;
  log: Logger;
  /** OSTO_ADMINS: when set, only these user ids may connect. */
  admins?: string[];
}

export interface ConnectContext {
  workspace: Workspace;
  /** The user's id in the channel. */
  actor: string;
  /** The conversation the command came from: notifications go there later. */
  conversationKey?: string;
  /** Identifies one submission (the card's id): a second submit while it runs is ignored. */
  attemptKey: string;
}

export type ConnectOutcome =
  | { kind: 'invalid'; form: ConnectFormView }
  | { kind: 'forbidden'; message: string }
  | { kind: 'busy' }
  | { kind: 'failed'; failure: FailureView }
  | { kind: 'connected'; connection: Connection; result: ResultView };

/** Attempts running now, per workspace + attempt key (one process; the card is replaced at once anyway). */
const running = new Set<string>();

/**
 * The values that may be shown again: every field but the secret, and nothing that may be a
 * secret pasted into the wrong field.
 */
export function formValues(raw: RawConnectForm): FormValues {
  const v: FormValues = {};
  for (const k of SHOWN_FIELDS) {
    const x = raw[k];
    if (typeof x !== 'string' || x.trim() === '' || containsClientSecret(x)) continue;
    if ((k === 'subscriptionId' || k === 'clientId' || k === 'tenantId') && !showableId(x, k === 'tenantId'))
      continue;
    v[k] = x.trim();
  }
  return v;
}

export function mayChangeConnections(actor: string, admins: string[] | undefined, owner?: string): boolean {
  return !admins || admins.includes(actor) || owner === actor;
}

export type ConnectStart =
  | Exclude<ConnectOutcome, { kind: 'failed' } | { kind: 'connected' }>
  | {
      kind: 'started';
      /** The first progress view, to show at once in place of the form. */
      progress: ProgressView;
      /** Verifies, reads the inventory and stores; must be called exactly once. */
      finish(
        onProgress: (view: ProgressView) => Promise<void>,
      ): Promise<Extract<ConnectOutcome, { kind: 'failed' | 'connected' }>>;
    };

/**
 * First half of the connect story (SPEC 1.1), fast enough for a chat turn: may this actor
 * connect, is the form valid, is the name free, is this submission already running?
 */
export async function beginConnect(
  deps: ConnectDeps,
  ctx: ConnectContext,
  raw: RawConnectForm,
): Promise<ConnectStart> {
  if (!mayChangeConnections(ctx.actor, deps.admins)) {
    await audit(deps, ctx, 'connect_failed', 'error', 'forbidden: not in OSTO_ADMINS');
    return {
      kind: 'forbidden',
      message: 'Only the admins listed in OSTO_ADMINS may connect a subscription here.',
    };
  }

  const values = formValues(raw);
  const checked = validateConnectInput(raw);
  if (!checked.ok)
    return { kind: 'invalid', form: { values, errors: checked.errors, notice: 'Fix the marked fields.' } };
  const input = checked.value;
  if (await deps.store.findConnectionByName(ctx.workspace.id, input.name))
    return {
      kind: 'invalid',
      form: {
        values,
        errors: [
          {
            field: 'name',
            message: `A connection named "${input.name}" already exists here. Pick another name.`,
          },
        ],
        notice: 'Fix the marked fields.',
      },
    };

  const key = `${ctx.workspace.id}\u0000${ctx.attemptKey}`;
  if (running.has(key)) return { kind: 'busy' };
  running.add(key);
  const progress = new ProgressTracker(input.name, input.subscriptionId);
  return {
    kind: 'started',
    progress: progress.view(),
    finish: async (onProgress) => {
      try {
        return await verifyAndStore(deps, ctx, input, values, progress, onProgress);
      } catch (e) {
        // A crash is a failed attempt too: audited (the channel tells the person).
        await audit(deps, ctx, 'connect_failed', 'error', 'internal error', input.name).catch(
          () => undefined,
        );
        throw e;
      } finally {
        running.delete(key);
      }
    },
  };
}

async function verifyAndStore(
  deps: ConnectDeps,
  ctx: ConnectContext,
  input: ConnectInput,
  values: FormValues,
  progress: ProgressTracker,
  onProgress: (view: ProgressView) => Promise<void>,
): Promise<Extract<ConnectOutcome, { kind: 'failed' | 'connected' }>> {
  const fail = async (
    error: Pick<StageError, 'stage' | 'message' | 'remedy'> & { code: FailureView['code'] },
  ) => {
    await audit(deps, ctx, 'connect_failed', 'error', `${error.stage}: ${error.code}`, input.name);
    deps.log.info({ workspace: ctx.workspace.id, stage: error.stage, code: error.code }, 'connect failed');
    const failure: FailureView = {
      name: input.name,
      stageId: error.stage,
      stageTitle: STAGE_TITLES[error.stage],
      code: error.code,
      reason: error.message,
      remedy: error.remedy,
      retryValues: values,
    };
    return { kind: 'failed', failure } as const;
  };

  const outcome = await deps.azure.verify(input, {
    onStage: async (r) => {
      progress.record(r);
      if (r.stage !== 'input') await onProgress(progress.view());
    },
  });
  if (!outcome.ok) return fail(outcome.error);

  let inventory: Awaited<ReturnType<AzureConnector['inventory']>>;
  try {
    inventory = await deps.azure.inventory(input);
  } catch (e) {
    if (e instanceof StageFailure) return fail(e.result);
    throw e;
  }
  progress.record({ stage: 'sync', status: 'ok', detail: `${inventory.total} assets` });
  await onProgress(progress.view());

  const now = deps.clock.now().toISOString();
  const { facts } = outcome;
  let connection: Connection;
  try {
    await deps.store.upsertWorkspace(ctx.workspace);
    connection = await deps.store.createConnection(
      {
        workspaceId: ctx.workspace.id,
        name: input.name,
        ...(input.description ? { description: input.description } : {}),
        tenantId: facts.tenantId,
        subscriptionId: facts.subscriptionId,
        subscriptionName: facts.subscriptionName,
        clientId: input.clientId,
        principalId: facts.principalId,
        roles: facts.roles,
        status: 'active',
        ...(facts.secretExpiresOn ? { secretExpiresOn: facts.secretExpiresOn } : {}),
        expirySource: facts.expirySource,
        inventory,
        lastSyncAt: now,
        notify: 'changes',
        ...(ctx.conversationKey ? { conversationKey: ctx.conversationKey } : {}),
        createdBy: ctx.actor,
      },
      input.clientSecret,
    );
  } catch (e) {
    if (e instanceof NameTakenError)
      return fail({
        stage: 'sync',
        code: 'name_taken',
        message: `A connection named "${input.name}" was created here while this one was being verified.`,
        remedy: 'Try again with another name.',
      });
    throw e;
  }
  await audit(
    deps,
    ctx,
    'connect',
    'ok',
    `subscription ${connection.subscriptionId}, ${inventory.total} assets`,
    connection.name,
  );
  deps.log.info(
    { workspace: ctx.workspace.id, connection: connection.id, assets: inventory.total },
    'connected',
  );
  return {
    kind: 'connected',
    connection,
    result: resultView(connection, outcome.warnings, deps.clock.now()),
  };
}

export function resultView(
  c: Connection,
  warnings: { message: string; remedy: string }[],
  now: Date,
): ResultView {
  const inv = c.inventory;
  return {
    name: c.name,
    ...(c.description ? { description: c.description } : {}),
    subscriptionName: c.subscriptionName,
    subscriptionId: c.subscriptionId,
    status: 'Active',
    assets: inv?.total ?? 0,
    topTypes: Object.entries(inv?.byType ?? {})
      .slice(0, 5)
      .map(([type, count]) => ({ type, count })),
    locations: Object.keys(inv?.byLocation ?? {}).length,
    resourceGroups: Object.keys(inv?.byResourceGroup ?? {}).length,
    secretExpiry: expiryText(c.secretExpiresOn, now),
    warnings: warnings.map((w) => ({ message: w.message, remedy: w.remedy })),
  };
}

function audit(
  deps: ConnectDeps,
  ctx: ConnectContext,
  action: 'connect' | 'connect_failed',
  outcome: 'ok' | 'error',
  detail: string,
  target?: string,
): Promise<void> {
  return deps.store.audit({
    workspaceId: ctx.workspace.id,
    actor: ctx.actor,
    action,
    ...(target ? { target } : {}),
    outcome,
    detail,
    at: deps.clock.now().toISOString(),
  });
}
