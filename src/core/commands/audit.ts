/**
 * `audit [name]` (SPEC 1.6): the last 20 changes of this workspace (or of one connection):
 * who, when, what, on which connection, and the outcome. For admins; for one connection, also
 * its creator. Entries never hold a secret.
 */
import type { AuditEntry } from '../connection';
import { utcMinute } from '../present/dates';
import { echo } from '../present/echo';
import { message } from '../reply';
import { STAGE_TITLES, type StageId } from '../verification';
import type { ReportItem, ReportView } from '../views';
import { mayChange, notAllowed } from './permissions';
import { changeableTarget } from './target';
import type { Verb } from './verb';

export const AUDIT_ROWS = 20;

const WORDS: Record<AuditEntry['action'], string> = {
  connect: 'connected',
  connect_failed: 'tried to connect',
  rotate: 'updated the secret of',
  rotate_failed: 'tried to update the secret of',
  notify: 'changed notifications of',
  snooze: 'snoozed reminders of',
  disconnect: 'disconnected',
  sync: 'synced',
};

/**
 * A detail as people read it: a stage's failure code ("signin: secret_invalid") in words, a
 * stored time ("until 2026-12-03T03:44:16.877Z") to the minute.
 */
function readable(detail: string): string {
  const code = /^([a-z]+): ([a-z_]+)$/.exec(detail);
  const stage = code?.[1] as StageId | undefined;
  if (code && stage && stage in STAGE_TITLES)
    return `${STAGE_TITLES[stage]} failed: ${(code[2] ?? '').replace(/_/g, ' ')}`;
  return detail.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, (iso) => utcMinute(iso));
}

/** One entry: who did what (by name when the channel told it), when, how it ended, and the detail. */
function item(e: AuditEntry): ReportItem {
  const when = utcMinute(e.at);
  const what = `${WORDS[e.action] ?? e.action}${e.target ? ` ${echo(e.target)}` : ''}`;
  const name = echo(e.actorName ?? e.actor);
  const who = e.actorName ? `${name} (${echo(e.actor)})` : name;
  const ok = e.outcome === 'ok';
  return {
    title: `${name} ${what}`,
    badge: ok ? 'Done' : 'Failed',
    tone: ok ? 'good' : 'bad',
    lines: [`${when} · ${who}`, ...(e.detail ? [echo(readable(e.detail), 200)] : [])],
  };
}

export const audit: Verb = {
  name: 'audit',
  usage: 'audit [‹name›]',
  summary: 'The last 20 changes: who connected, rotated, changed or removed what, and when.',
  who: 'admin',
  grammar: 'name?',
  listed: true,
  async run(deps, ctx, args) {
    let target: string | undefined;
    if (args.name) {
      const t = await changeableTarget(deps, ctx, 'audit', args.name, 'read its audit log');
      if (!t.ok) {
        // A removed connection keeps its audit entries: admins may still read them by name.
        if (!mayChange(ctx, deps.admins)) return t.reply;
        target = args.name;
      } else target = t.connection.name;
    } else if (!mayChange(ctx, deps.admins)) return notAllowed('read the audit log');
    const entries = await deps.store.audit.list(ctx.workspace.id, AUDIT_ROWS, target);
    if (entries.length === 0)
      return message(
        'Audit log',
        target ? `Nothing recorded about "${echo(target)}" here.` : 'Nothing recorded here yet.',
      );
    const view: ReportView = {
      title: target ? `Audit log of ${target}` : 'Audit log',
      tone: 'neutral',
      subtitle: `The last ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, newest first`,
      facts: [],
      sections: [{ heading: 'Entries', lines: [], items: entries.map(item) }],
      notes: [],
      actions: [],
    };
    return { kind: 'report', view };
  },
};
