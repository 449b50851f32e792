import type { SubscriptionRule } from '../../core/posture/rule';
import { asArray, asString, field, listNames } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

/** Regions compared lower-case without spaces ("East US" = "eastus"); `global` is no region. */
function regions(value: unknown): Set<string> {
  const out = new Set<string>();
  for (const item of asArray(value)) {
    const region = asString(item)?.toLowerCase().replace(/\s+/g, '');
    if (region !== undefined && region !== 'global') out.add(region);
  }
  return out;
}

/** Not applicable when no resource lives in any region yet. */
export const rule: SubscriptionRule = {
  id: 'network-watcher-all-regions',
  title: 'Network Watcher is enabled in every region the subscription uses',
  severity: 'high',
  cis: ['CIS 2.1 6.6', 'CIS 3.0 7.6', 'CIS 4.0 8.6'],
  rationale:
    'Network Watcher provides flow logs, connection troubleshooting and packet capture for a region. Without it, network incidents in that region cannot be investigated.',
  remediation: {
    portal: [
      'In the Azure portal, open Network Watcher.',
      'Select "Enable Network Watcher" (or Add region) and enable it for each region that has resources.',
    ],
    cli: 'az network watcher configure --resource-group NetworkWatcherRG --locations <region> --enabled true',
  },
  scope: 'subscription',
  resourceType: 'subscription',
  evaluate(facts) {
    const used = regions(field(facts, 'locationsInUse'));
    if (used.size === 0) return notApplicable();
    const watched = regions(field(facts, 'networkWatcherLocations'));
    const missing = [...used].filter((r) => !watched.has(r)).sort();
    if (missing.length === 0) return pass();
    return fail(
      `No Network Watcher in ${missing.length === 1 ? 'region' : 'regions'} ${listNames(missing, 5)}, where resources are deployed.`,
    );
  },
};
