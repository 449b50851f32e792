/** Which connection a verb is about: by name, or the only one; and whether this person may change it. */
import type { Connection } from '../connection';
import { utcMinute } from '../present/dates';
import { echo } from '../present/echo';
import { message, type Reply } from '../reply';
import type { CommandContext, CoreDeps } from './context';
import { distance } from './grammar';
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
    return c ? { ok: true, connection: c } : { ok: false, reply: await notFound(deps, ctx, verb, name) };
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

/** No connection by that name: the nearest name if one is close, else the names there are. */
async function notFound(deps: CoreDeps, ctx: CommandContext, verb: string, name: string): Promise<Reply> {
  const all = await deps.store.connections.list(ctx.workspace.id);
  const asked = `No connection named "${echo(name)}" here.`;
  // A button on an old card (an alert, a form) for a connection since removed: say so.
  const [last] = await deps.store.audit.list(ctx.workspace.id, 1, name);
  if (last?.action === 'disconnect' && last.outcome === 'ok' && last.target)
    return message(
      'Disconnected',
      `${echo(last.target)} was disconnected on ${utcMinute(last.at)}${last.actorName ? ` by ${echo(last.actorName)}` : ''}; this no longer applies. Type /osto status to see the connections here.`,
    );
  if (all.length === 0)
    return message(
      'No such connection',
      `${asked} None is connected yet: type /osto connect azure to connect one.`,
    );
  const key = name.toLowerCase();
  const near = all
    .map((c) => ({ c, d: distance(key, c.name.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(1, Math.floor(key.length / 4)))
    .sort((a, b) => a.d - b.d)[0];
  if (near) return message('No such connection', `${asked} Did you mean /osto ${verb} ${near.c.name}?`);
  const names = all.slice(0, 10).map((c) => c.name);
  const more =
    all.length > names.length ? `, and ${all.length - names.length} more (/osto status lists them)` : '';
  return message('No such connection', `${asked} The connections here: ${names.join(', ')}${more}.`);
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
