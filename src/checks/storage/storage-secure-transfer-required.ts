import type { ResourceRule } from '../../core/posture/rule';
import { asBool, nameOf, prop } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Fails only on an explicit `supportsHttpsTrafficOnly: false`. Missing passes: secure transfer has
 * been the platform default since API version 2019-04-01 and ARM reports it when it is off.
 */
export const rule: ResourceRule = {
  id: 'storage-secure-transfer-required',
  title: 'Storage accounts require secure transfer (HTTPS)',
  severity: 'high',
  cis: ['CIS 2.1 3.1', 'CIS 3.0 4.1', 'CIS 4.0 10.3.4'],
  rationale:
    'Without secure transfer the account accepts plain HTTP and unencrypted SMB, so requests, keys and data can be read or altered on the wire.',
  remediation: {
    portal: [
      'Open the storage account in the Azure portal.',
      'Under Settings, select Configuration.',
      'Set "Secure transfer required" to Enabled and select Save.',
    ],
    cli: 'az storage account update --name <account> --resource-group <group> --https-only true',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  evaluate(account) {
    if (asBool(prop(account, 'supportsHttpsTrafficOnly')) !== false) return pass();
    return fail(
      `Storage account ${nameOf(account)} accepts unencrypted HTTP (supportsHttpsTrafficOnly is false).`,
    );
  },
};
