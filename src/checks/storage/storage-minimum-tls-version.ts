import type { ResourceRule } from '../../core/posture/rule';
import { nameOf, prop, shown, tlsVersion } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes on `TLS1_2` or later. Missing fails: older accounts omit `minimumTlsVersion` and then
 * accept TLS 1.0.
 */
export const rule: ResourceRule = {
  id: 'storage-minimum-tls-version',
  title: 'Storage accounts require TLS 1.2 or later',
  severity: 'medium',
  cis: ['CIS 2.1 3.15', 'CIS 3.0 4.15', 'CIS 4.0 10.3.7'],
  rationale:
    'TLS 1.0 and 1.1 have known weaknesses and are retired across Azure. Requiring TLS 1.2 keeps clients from negotiating a weak protocol.',
  remediation: {
    portal: [
      'Open the storage account in the Azure portal.',
      'Under Settings, select Configuration.',
      'Set "Minimum TLS version" to Version 1.2 and select Save.',
    ],
    cli: 'az storage account update --name <account> --resource-group <group> --min-tls-version TLS1_2',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  evaluate(account) {
    const value = prop(account, 'minimumTlsVersion');
    if ((tlsVersion(value) ?? 0) >= 1.2) return pass();
    return fail(
      `Storage account ${nameOf(account)} accepts TLS older than 1.2 (minimumTlsVersion is ${shown(value)}).`,
    );
  },
};
