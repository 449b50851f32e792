import type { ResourceRule } from '../../core/posture/rule';
import { entryProps } from '../lib/children';
import { parseIpv4 } from '../lib/ip';
import { asArray, asBool, asString, eqi, field, nameOf, prop } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/** `0.0.0.0/0` (or any `/0`) in the IP rules opens the account to everyone. */
function isWholeInternet(ipRule: unknown): boolean {
  const value = asString(field(entryProps(ipRule), 'ipAddressOrRange')) ?? '';
  const [address, bits] = value.split('/');
  return bits !== undefined && bits.trim() === '0' && parseIpv4(address) !== undefined;
}

/**
 * Passes when public network access is Disabled, or when the firewall is limited to selected
 * networks: virtual-network filtering on, or at least one IP rule (none of them a /0). Fails when
 * the account accepts all networks (no rules and no VNet filter; Azure's default).
 */
export const rule: ResourceRule = {
  id: 'cosmosdb-selected-networks',
  title: 'Cosmos DB accounts accept traffic only from selected networks',
  severity: 'medium',
  cis: ['CIS 2.1 4.5.1', 'CIS 3.0 5.4.1'],
  rationale:
    'An account open to all networks can be reached from anywhere on the internet by whoever holds a key or token. Limiting it to known networks shrinks who can even try.',
  remediation: {
    portal: [
      'Open the Cosmos DB account in the Azure portal.',
      'Under Settings, select Networking.',
      'Choose "Selected networks", add the virtual networks and IP ranges that need access, and select Save.',
    ],
    cli: 'az cosmosdb update --resource-group <group> --name <account> --enable-virtual-network true --ip-range-filter <allowed-cidrs>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.DocumentDB/databaseAccounts',
  evaluate(account) {
    if (eqi(prop(account, 'publicNetworkAccess'), 'Disabled', 'SecuredByPerimeter')) return pass();
    const ipRules = asArray(prop(account, 'ipRules'));
    const open = ipRules.find(isWholeInternet);
    if (open !== undefined) {
      const range = asString(field(entryProps(open), 'ipAddressOrRange')) ?? '';
      return fail(`Cosmos DB account ${nameOf(account)} firewall allows ${range}, every internet address.`);
    }
    if (asBool(prop(account, 'isVirtualNetworkFilterEnabled')) === true || ipRules.length > 0) return pass();
    return fail(
      `Cosmos DB account ${nameOf(account)} accepts traffic from all networks (no IP or virtual-network rules).`,
    );
  },
};
