import type { ResourceRule } from '../../core/posture/rule';
import { asBool, nameOf, prop, shown } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes only on an explicit `allowCrossTenantReplication: false`. Missing fails: accounts created
 * before the default changed (December 2023) omit it and then allow replication to other tenants.
 */
export const rule: ResourceRule = {
  id: 'storage-cross-tenant-replication',
  title: 'Storage accounts do not replicate objects to other tenants',
  severity: 'high',
  cis: ['CIS 4.0 10.3.8'],
  rationale:
    'Object replication across tenants lets blobs be copied into an account your organization does not control. Blocking it keeps data inside your own directory.',
  remediation: {
    portal: [
      'Open the storage account in the Azure portal.',
      'Under Data management, select Object replication.',
      'Select Advanced settings, clear "Allow cross-tenant replication" and select OK.',
    ],
    cli: 'az storage account update --name <account> --resource-group <group> --allow-cross-tenant-replication false',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  evaluate(account) {
    const value = prop(account, 'allowCrossTenantReplication');
    if (asBool(value) === false) return pass();
    return fail(
      `Storage account ${nameOf(account)} allows cross-tenant replication (allowCrossTenantReplication is ${shown(value)}).`,
    );
  },
};
