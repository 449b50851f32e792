import type { ResourceRule } from '../../core/posture/rule';
import { entryProps } from '../lib/children';
import { asArray, eqi, nameOf, path, prop } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes when `privateEndpointConnections` holds a connection that is not Rejected, Disconnected or
 * still Pending (a connection without a status counts). Missing or empty fails.
 */
export const rule: ResourceRule = {
  id: 'keyvault-private-endpoint',
  title: 'Key vaults are reached through a private endpoint',
  severity: 'high',
  cis: ['CIS 2.1 8.7', 'CIS 3.0 3.3.7', 'CIS 4.0 9.3.8'],
  rationale:
    'A private endpoint keeps traffic to the vault on your virtual network, so the vault can be closed to the public internet.',
  remediation: {
    portal: [
      'Open the key vault in the Azure portal.',
      'Under Settings, select Networking, then the Private endpoint connections tab.',
      'Select "Create", pick the virtual network and subnet, and complete the wizard.',
    ],
    cli: 'az network private-endpoint create --resource-group <group> --name <endpoint> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id <vault-id> --group-id vault --connection-name <connection>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.KeyVault/vaults',
  evaluate(vault) {
    const usable = asArray(prop(vault, 'privateEndpointConnections')).filter((c) => {
      const status = path(entryProps(c), 'privateLinkServiceConnectionState', 'status');
      return !eqi(status, 'Rejected', 'Disconnected', 'Pending');
    });
    if (usable.length > 0) return pass();
    return fail(`Key vault ${nameOf(vault)} has no approved private endpoint connection.`);
  },
};
