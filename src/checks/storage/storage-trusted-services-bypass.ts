import type { ResourceRule } from '../../core/posture/rule';
import { asArray, asString, nameOf, prop, shown } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes when `networkAcls.bypass` lists AzureServices (a comma-separated string, or an array).
 * Missing passes: ARM's default bypass is AzureServices.
 */
export const rule: ResourceRule = {
  id: 'storage-trusted-services-bypass',
  title: 'Storage account firewalls let trusted Azure services through',
  severity: 'medium',
  cis: ['CIS 2.1 3.9', 'CIS 3.0 4.8', 'CIS 4.0 10.3.5'],
  rationale:
    'Backup, Defender, monitoring and other trusted Microsoft services cannot reach a firewalled account unless they are allowed to bypass it. Without the exception, teams tend to open the firewall instead.',
  remediation: {
    portal: [
      'Open the storage account in the Azure portal.',
      'Under Security + networking, select Networking.',
      'Under Exceptions, tick "Allow Azure services on the trusted services list to access this storage account" and select Save.',
    ],
    cli: 'az storage account update --name <account> --resource-group <group> --bypass AzureServices',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  evaluate(account) {
    const value = prop(account, 'networkAcls', 'bypass');
    if (value === undefined || value === null) return pass();
    const entries = (Array.isArray(value) ? asArray(value) : [value])
      .flatMap((v) => (asString(v) ?? '').split(','))
      .map((v) => v.trim().toLowerCase());
    if (entries.includes('azureservices')) return pass();
    const display = typeof value === 'string' ? value : entries.filter((e) => e !== '').join(', ');
    return fail(
      `Storage account ${nameOf(account)} blocks trusted Azure services (networkAcls.bypass is ${shown(display)}).`,
    );
  },
};
