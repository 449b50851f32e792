/**
 * `snooze <name> 1d|3d|1w`, the expiry alert's Snooze buttons: reminders wait that long, never
 * past the expiry itself; when the snooze ends, one reminder comes (SPEC 1.4).
 */
import { auditActor } from '../connection';
import { isoDate } from '../present/dates';
import { message, type Reply } from '../reply';
import { SNOOZE_DURATIONS } from './grammar';
import { changeableTarget } from './target';
import type { Verb } from './verb';

const DAY = 86_400_000;
const SPANS: Record<(typeof SNOOZE_DURATIONS)[number], { ms: number; words: string }> = {
  '1d': { ms: DAY, words: '1 day' },
  '3d': { ms: 3 * DAY, words: '3 days' },
  '1w': { ms: 7 * DAY, words: '1 week' },
};

function chooser(name: string): Reply {
  return {
    kind: 'message',
    view: {
      title: `Snooze reminders of ${name} for how long?`,
      text: 'Reminders wait that long, never past the expiry itself; then one comes.',
      tone: 'neutral',
      actions: SNOOZE_DURATIONS.map((d) => ({
        label: SPANS[d].words,
        run: { verb: 'snooze', args: { name, duration: d } },
        inPlace: true,
      })),
    },
  };
}

export const snooze: Verb = {
  name: 'snooze',
  usage: 'snooze ‹name› [1d|3d|1w]',
  summary: 'Hold back secret-expiry reminders for a while (never past the expiry).',
  who: 'admin',
  grammar: 'name duration',
  // Reached through the alert's buttons; typed, it works too.
  listed: false,
  async run(deps, ctx, args) {
    const span = SNOOZE_DURATIONS.find((d) => d === args.duration);
    if (args.duration !== undefined && !span)
      return message(
        'For how long?',
        "Type /osto snooze followed by a connection's name and 1d, 3d or 1w (one day, three days, a week).",
      );
    const t = await changeableTarget(deps, ctx, 'snooze', args.name, 'snooze its reminders');
    if (!t.ok) return t.reply;
    const c = t.connection;
    const now = deps.clock.now();
    if (!c.secretExpiresOn)
      return message(
        'Nothing to snooze',
        `Osto does not know when the secret of ${c.name} expires, so it sends no reminders.`,
      );
    const end = Date.parse(c.secretExpiresOn);
    if (end <= now.getTime())
      return message(
        'The secret has expired',
        `The client secret of ${c.name} expired on ${isoDate(c.secretExpiresOn)}. Update it with /osto rotate ${c.name}.`,
        'bad',
      );
    // The alert's Snooze… button: ask for how long, with one button per duration.
    if (!span) return chooser(c.name);
    const until = new Date(Math.min(now.getTime() + SPANS[span].ms, end));
    const capped = until.getTime() === end;
    await deps.store.transaction(async (tx) => {
      await tx.connections.update(c.workspaceId, c.id, { expirySnoozedUntil: until.toISOString() });
      await tx.audit.append({
        workspaceId: c.workspaceId,
        ...auditActor(ctx),
        action: 'snooze',
        target: c.name,
        outcome: 'ok',
        detail: `until ${until.toISOString()}`,
        at: now.toISOString(),
      });
    });
    const when = `${until.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    return message(
      `Reminders for ${c.name} snoozed`,
      capped
        ? `No reminder until the secret expires (${when}); then Osto says so. Update it before with /osto rotate ${c.name}.`
        : `No reminder for ${SPANS[span].words}, until ${when}; then one comes, and later alerts as usual.`,
      'good',
    );
  },
};
