/** `notify <name> all|changes|critical|off`: what Osto posts about a connection (SPEC 1.3). */
import { auditActor, type NotifyLevel } from '../connection';
import { echo } from '../present/echo';
import { message, type Reply } from '../reply';
import type { CommandContext, CoreDeps } from './context';
import { NOTIFY_LEVELS } from './grammar';
import { changeableTarget } from './target';
import type { Verb } from './verb';

/** What each level means, in the words `notify` answers with. */
export const LEVEL_WORDS: Record<NotifyLevel, string> = {
  all: 'a summary after every scheduled sync, and when the connection breaks or recovers.',
  changes:
    'only when something changed: new findings, resolved findings, the asset count moving, or the connection breaking or recovering.',
  critical: 'only new critical or high findings, and when the connection breaks or recovers.',
  off: 'nothing. Syncs still run and record everything: status, assets and findings show it.',
};

/** The level in a few words, as `status` shows it. */
export const LEVEL_SHORT: Record<NotifyLevel, string> = {
  all: 'every sync',
  changes: 'changes only',
  critical: 'new critical and high only',
  off: 'off',
};

const LEVELS_HELP =
  'all (a summary after every scheduled sync), changes (only what changed; the default), critical (only new critical or high findings) or off';

/** No level: when the last word was meant as one ("notify Production loud"), say it is not. */
async function whichLevel(deps: CoreDeps, ctx: CommandContext, typed: string | undefined): Promise<Reply> {
  const words = (typed ?? '').split(' ');
  const last = words.length > 1 ? words.pop() : undefined;
  const named = last ? await deps.store.connections.findByName(ctx.workspace.id, words.join(' ')) : undefined;
  if (named && last)
    return message(
      'Which level?',
      `"${echo(last, 20)}" is not a level. Type /osto notify ${named.name} followed by ${LEVELS_HELP}; for example /osto notify ${named.name} changes.`,
    );
  return message(
    'Which level?',
    `Type /osto notify followed by a connection's name and a level: ${LEVELS_HELP}.`,
  );
}

export const notify: Verb = {
  name: 'notify',
  usage: 'notify ‹name› all|changes|critical|off',
  summary: 'Choose what Osto posts about a connection.',
  who: 'admin',
  grammar: 'name level',
  listed: true,
  async run(deps, ctx, args) {
    const level = NOTIFY_LEVELS.find((l) => l === args.level);
    if (!level) return whichLevel(deps, ctx, args.name);
    const t = await changeableTarget(deps, ctx, 'notify', args.name, 'change its notifications');
    if (!t.ok) return t.reply;
    const c = t.connection;
    const at = deps.clock.now().toISOString();
    await deps.store.transaction(async (tx) => {
      await tx.connections.update(c.workspaceId, c.id, { notify: level });
      await tx.audit.append({
        workspaceId: c.workspaceId,
        ...auditActor(ctx),
        action: 'notify',
        target: c.name,
        outcome: 'ok',
        detail: `${c.notify} → ${level}`,
        at,
      });
    });
    return message(`Notifications for ${c.name}: ${level}`, `Osto posts ${LEVEL_WORDS[level]}`, 'good');
  },
};
