/** Which connection a verb is about: by name, or the only one; and whether this person may change it. */
import type { Connection } from '../connection';
import { echo } from '../present/echo';
import { message, type Reply } from '../reply';
import type { CommandContext, CoreDeps } from './context';
import { mayChange, notAllowed } from './permissions';

export type Target = { ok: true; connection: Connection } | { ok: false; reply: Reply };

/** The connection named, or, with no name and exactly one connection in the workspace, that one. */
export async function targetOf(
  deps: CoreDeps,
  ctx: CommandContext,
  verb: string,
  name: string | undefined,
): Promise<Target> {
  if (name) {
    const c = await deps.store.connections.findByName(ctx.workspace.id, name);
    return c
      ? { ok: true, connection: c }
      : {
          ok: false,
          reply: message(
            'No such connection',
            `No connection named "${echo(name)}" here. Type /osto status to list them.`,
          ),
        };
  }
  const all = await deps.store.connections.list(ctx.workspace.id);
  if (all.length === 1) return { ok: true, connection: all[0] as Connection };
  if (all.length === 0)
    return {
      ok: false,
      reply: message(
        'No connection yet',
        'No Azure subscription is connected here. Type /osto connect azure to connect one.',
      ),
    };
  const names = all.slice(0, 10).map((c) => c.name);
  return {
    ok: false,
    reply: message(
      'Which connection?',
      `Type /osto ${verb} followed by a name: ${names.join(', ')}${all.length > names.length ? ', …' : ''}.`,
    ),
  };
}

/** The connection, when this person may change it (its creator, or OSTO_ADMINS). */
export async function changeableTarget(
  deps: CoreDeps,
  ctx: CommandContext,
  verb: string,
  name: string | undefined,
  what: string,
): Promise<Target> {
  const t = await targetOf(deps, ctx, verb, name);
  if (!t.ok) return t;
  if (!mayChange(ctx, deps.admins, t.connection.createdBy))
    return { ok: false, reply: notAllowed(what, t.connection.name) };
  return t;
}
