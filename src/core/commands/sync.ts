import { subscriptionLabel } from '../present/subscription';
import { changeableTarget } from './target';
import type { Verb } from './verb';

/** `sync <name>`: syncs now; the answer updates in place with the summary of what changed. */
export const sync: Verb = {
  name: 'sync',
  usage: 'sync [‹name›]',
  summary: 'Sync a connection now and report what changed.',
  who: 'admin',
  grammar: 'name?',
  listed: true,
  async run(deps, ctx, args) {
    const t = await changeableTarget(deps, ctx, 'sync', args.name, 'sync it');
    if (!t.ok) return t.reply;
    const c = t.connection;
    return {
      kind: 'message',
      view: {
        title: `Syncing ${c.name}…`,
        text: `Reading ${subscriptionLabel(c.subscriptionName, c.subscriptionId)}: its inventory and the settings the posture rules check. This message updates with the summary.`,
        tone: 'neutral',
      },
      followUp: { kind: 'sync', workspaceId: c.workspaceId, connectionId: c.id },
    };
  },
};
