/**
 * The first half of connecting (SPEC 1.1), fast enough for a chat turn: may this person connect,
 * is the form valid, is the name free? Then the attempt is stored (with its secret encrypted)
 * and its verification becomes a job: it survives a restart and runs once.
 */
import type { ConnectAttempt, MessageRef } from '../attempt';
import type { CommandContext, CoreDeps } from '../commands/context';
import { mayChange, notAllowed } from '../commands/permissions';
import { ProgressTracker } from '../progress';
import type { Reply } from '../reply';
import { AttemptExistsError } from '../store/ports';
import { type RawConnectForm, validateConnectInput } from '../validate-connect-input';
import type { ConnectFormView } from '../views';
import { auditConnect } from './audit';
import { formValues } from './form';
import { CONNECT_JOB } from './job';

export type BeginResult =
  | { kind: 'invalid'; form: ConnectFormView }
  | { kind: 'refused'; reply: Reply }
  | { kind: 'busy' }
  | { kind: 'started'; attempt: ConnectAttempt; reply: Reply };

export const CONNECT_WHAT = 'connect a subscription';

/** The form comes back without the secret (it is never sent back): say so. */
const INVALID_NOTICE = 'Fix the marked fields, then enter the client secret again.';

export async function beginConnect(
  deps: CoreDeps,
  ctx: CommandContext,
  /** Identifies the submission (the card's or the modal's id): a second submit while it runs is ignored. */
  key: string,
  raw: RawConnectForm,
  progress: MessageRef,
): Promise<BeginResult> {
  const who = { workspaceId: ctx.workspace.id, actor: ctx.actor, actorName: ctx.actorName };
  if (!mayChange(ctx, deps.admins)) {
    await deps.store.workspaces.upsert(ctx.workspace);
    await auditConnect(deps.store.audit, deps.clock, who, 'connect_failed', 'forbidden: not in OSTO_ADMINS');
    return { kind: 'refused', reply: notAllowed(CONNECT_WHAT) };
  }
  const values = formValues(raw);
  const checked = validateConnectInput(raw);
  if (!checked.ok)
    return { kind: 'invalid', form: { values, errors: checked.errors, notice: INVALID_NOTICE } };
  const input = checked.value;
  const taken = await deps.store.connections.findByName(ctx.workspace.id, input.name);
  if (taken)
    return {
      kind: 'invalid',
      form: {
        values,
        errors: [
          {
            field: 'name',
            // Names are unique in any case: say the one that is there, as it was written.
            message: `A connection named "${taken.name}" already exists here (names ignore case). Pick another name.`,
          },
        ],
        notice: INVALID_NOTICE,
      },
    };
  const { clientSecret, ...shown } = input;
  let attempt: ConnectAttempt;
  try {
    attempt = await deps.store.transaction(async (tx) => {
      await tx.workspaces.upsert(ctx.workspace);
      return tx.attempts.create(
        {
          workspaceId: ctx.workspace.id,
          key,
          actor: ctx.actor,
          ...(ctx.actorName ? { actorName: ctx.actorName } : {}),
          values: shown,
          progress,
        },
        clientSecret,
      );
    });
  } catch (e) {
    if (e instanceof AttemptExistsError) return { kind: 'busy' };
    throw e;
  }
  const first = new ProgressTracker(input.name, input.subscriptionId).view();
  return { kind: 'started', attempt, reply: { kind: 'progress', view: first } };
}

/**
 * Starts the attempt's verification once the channel has shown its progress (and recorded where):
 * a job, so it outlives the request and runs once.
 */
export async function startConnect(
  deps: CoreDeps,
  attempt: Pick<ConnectAttempt, 'id' | 'workspaceId'>,
): Promise<void> {
  await deps.jobs.enqueue({
    kind: CONNECT_JOB,
    key: attempt.id,
    payload: { workspaceId: attempt.workspaceId, attemptId: attempt.id },
    maxAttempts: 2,
  });
}
