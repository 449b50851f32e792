import type { ResourceRule } from '../../core/posture/rule';
import { eqi, nameOf, prop, shown } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes on `publicNetworkAccess` Disabled (or SecuredByPerimeter, where a network security
 * perimeter decides). Missing fails: Azure then leaves the public endpoint reachable.
 */
export const rule: ResourceRule = {
  id: 'storage-public-network-access',
  title: 'Storage accounts disable public network access',
  severity: 'high',
  cis: ['CIS 2.1 3.7', 'CIS 3.0 4.6', 'CIS 4.0 10.3.2.2'],
  rationale:
    'A storage account reachable from the public internet relies on keys and tokens alone. Disabling public network access limits it to private endpoints.',
  remediation: {
    portal: [
      'Open the storage account in the Azure portal.',
      'Under Security + networking, select Networking.',
      'Set "Public network access" to Disabled, add private endpoints where needed, and select Save.',
    ],
    cli: 'az storage account update --name <account> --resource-group <group> --public-network-access Disabled',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  evaluate(account) {
    const value = prop(account, 'publicNetworkAccess');
    if (eqi(value, 'Disabled', 'SecuredByPerimeter')) return pass();
    return fail(
      `Storage account ${nameOf(account)} is reachable from public networks (publicNetworkAccess is ${shown(value)}).`,
    );
  },
};
