import { assetsView } from '../sync/views';
import { targetOf } from './target';
import type { Verb } from './verb';

/** `assets <name>`: the inventory's totals by type, location and resource group. */
export const assets: Verb = {
  name: 'assets',
  usage: 'assets [‹name›]',
  summary: 'Asset counts by type, location and resource group.',
  who: 'anyone',
  grammar: 'name?',
  listed: true,
  async run(deps, ctx, args) {
    const t = await targetOf(deps, ctx, 'assets', args.name);
    if (!t.ok) return t.reply;
    return { kind: 'report', view: assetsView(t.connection, deps.clock.now()) };
  },
};
