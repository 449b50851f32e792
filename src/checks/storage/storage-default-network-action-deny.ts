import type { ResourceRule } from '../../core/posture/rule';
import { eqi, nameOf, prop, shown } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes on `networkAcls.defaultAction` Deny. Also passes when public network access is Disabled,
 * since the firewall rules are then not evaluated at all. Missing fails (Azure's default is Allow).
 */
export const rule: ResourceRule = {
  id: 'storage-default-network-action-deny',
  title: 'Storage account firewalls deny access by default',
  severity: 'high',
  cis: ['CIS 2.1 3.8', 'CIS 3.0 4.7', 'CIS 4.0 2.2.1.2', 'CIS 4.0 10.3.2.3'],
  rationale:
    'With a default action of Allow, every network can reach the account and the firewall rules grant nothing extra. Denying by default admits only the networks you list.',
  remediation: {
    portal: [
      'Open the storage account in the Azure portal.',
      'Under Security + networking, select Networking.',
      'Choose "Enabled from selected virtual networks and IP addresses", add the networks that need access, and select Save.',
    ],
    cli: 'az storage account update --name <account> --resource-group <group> --default-action Deny',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  evaluate(account) {
    if (eqi(prop(account, 'publicNetworkAccess'), 'Disabled')) return pass();
    const value = prop(account, 'networkAcls', 'defaultAction');
    if (eqi(value, 'Deny')) return pass();
    return fail(
      `Storage account ${nameOf(account)} accepts traffic from all networks (networkAcls.defaultAction is ${shown(value)}).`,
    );
  },
};
