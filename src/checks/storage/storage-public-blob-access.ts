import type { ResourceRule } from '../../core/posture/rule';
import { asBool, nameOf, prop, shown } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes only on an explicit `allowBlobPublicAccess: false`. Missing means insecure: accounts
 * created before Azure changed the default (late 2023) omit the property and then permit
 * anonymous access.
 */
export const rule: ResourceRule = {
  id: 'storage-public-blob-access',
  title: 'Storage accounts do not allow anonymous public blob access',
  severity: 'high',
  cis: ['CIS 4.0 10.3.9'],
  rationale:
    'When anonymous blob access is allowed, anyone who guesses a container URL can read its data without credentials. Turning it off at the account level stops any container from being made public.',
  remediation: {
    portal: [
      'Open the storage account in the Azure portal.',
      'Under Settings, select Configuration.',
      'Set "Allow Blob anonymous access" to Disabled and select Save.',
    ],
    cli: 'az storage account update --name <account> --resource-group <group> --allow-blob-public-access false',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  evaluate(account) {
    const value = prop(account, 'allowBlobPublicAccess');
    if (asBool(value) === false) return pass();
    return fail(
      `Storage account ${nameOf(account)} allows anonymous blob access (allowBlobPublicAccess is ${shown(value)}).`,
    );
  },
};
