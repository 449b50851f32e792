import type { ResourceRule } from '../../core/posture/rule';
import { asBool, nameOf, prop, shown } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes only on an explicit `allowSharedKeyAccess: false`. Missing fails: Azure treats a null
 * value as true and accepts account keys and SAS tokens signed with them.
 */
export const rule: ResourceRule = {
  id: 'storage-shared-key-access',
  title: 'Storage accounts do not accept shared-key authorization',
  severity: 'high',
  cis: ['CIS 4.0 10.3.1.3'],
  rationale:
    'Account keys grant full access, do not expire and leave no trace of who used them. Requiring Microsoft Entra ID ties every request to an identity and its roles.',
  remediation: {
    portal: [
      'Open the storage account in the Azure portal.',
      'Under Settings, select Configuration.',
      'Set "Allow storage account key access" to Disabled (after moving clients to Entra ID) and select Save.',
    ],
    cli: 'az storage account update --name <account> --resource-group <group> --allow-shared-key-access false',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  evaluate(account) {
    const value = prop(account, 'allowSharedKeyAccess');
    if (asBool(value) === false) return pass();
    return fail(
      `Storage account ${nameOf(account)} accepts account-key authorization (allowSharedKeyAccess is ${shown(value)}).`,
    );
  },
};
