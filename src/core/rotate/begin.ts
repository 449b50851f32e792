/**
 * The first half of `rotate` (a chat turn): may this person change the connection, is the new
 * secret well-formed? Then the attempt is stored with the new secret encrypted and verified as
 * a job, like a connect; the connection keeps its current secret until the new one passes.
 */
import type { ConnectAttempt, MessageRef } from '../attempt';
import type { CommandContext, CoreDeps } from '../commands/context';
import { changeableTarget } from '../commands/target';
import type { Reply } from '../reply';
import { AttemptExistsError } from '../store/ports';
import type { RotateFormView } from '../views';
import { type RawRotateForm, rotateFormView, validateRotate } from './form';

export type BeginRotate =
  | { kind: 'invalid'; form: RotateFormView }
  | { kind: 'refused'; reply: Reply }
  | { kind: 'busy' }
  | { kind: 'started'; attempt: ConnectAttempt; reply: Reply };

export const ROTATE_WHAT = 'update its secret';

export function rotatingReply(name: string): Reply {
  return {
    kind: 'progress',
    view: {
      title: `Checking the new secret of ${name}…`,
      subtitle: `${name} keeps its current secret until the new one passes.`,
      stages: [],
    },
  };
}

export async function beginRotate(
  deps: CoreDeps,
  ctx: CommandContext,
  key: string,
  raw: RawRotateForm & { name?: unknown },
  progress: MessageRef,
): Promise<BeginRotate> {
  const name = typeof raw.name === 'string' ? raw.name : '';
  const t = await changeableTarget(deps, ctx, 'rotate', name, ROTATE_WHAT);
  if (!t.ok) return { kind: 'refused', reply: t.reply };
  const c = t.connection;
  const checked = validateRotate(c, raw);
  const date = typeof raw.secretExpiresOn === 'string' ? raw.secretExpiresOn.trim().slice(0, 10) : '';
  if (!checked.ok)
    return {
      kind: 'invalid',
      form: rotateFormView(c, deps.clock.now(), {
        values: /^\d{4}-\d{2}-\d{2}$/.test(date) ? { secretExpiresOn: date } : {},
        errors: checked.errors,
        notice: 'Fix the marked field, then enter the new secret again.',
      }),
    };
  let attempt: ConnectAttempt;
  try {
    attempt = await deps.store.attempts.create(
      {
        kind: 'rotate',
        connectionId: c.id,
        workspaceId: c.workspaceId,
        key,
        actor: ctx.actor,
        ...(ctx.actorName ? { actorName: ctx.actorName } : {}),
        values: {
          name: c.name,
          subscriptionId: c.subscriptionId,
          clientId: c.clientId,
          tenantId: c.tenantId,
          ...(checked.secretExpiresOn ? { secretExpiresOn: checked.secretExpiresOn } : {}),
        },
        progress,
      },
      checked.clientSecret,
    );
  } catch (e) {
    if (e instanceof AttemptExistsError) return { kind: 'busy' };
    throw e;
  }
  return { kind: 'started', attempt, reply: rotatingReply(c.name) };
}
