import type { ResourceRule } from '../../core/posture/rule';
import { asBool, nameOf, prop } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes on `encryption.requireInfrastructureEncryption: true`. Missing fails: infrastructure
 * encryption is off unless it was requested when the account was created.
 */
export const rule: ResourceRule = {
  id: 'storage-infrastructure-encryption',
  title: 'Storage accounts encrypt data twice (infrastructure encryption)',
  severity: 'low',
  cis: ['CIS 2.1 3.2', 'CIS 3.0 4.3', 'CIS 4.0 10.3.1.1'],
  rationale:
    'Infrastructure encryption adds a second, independent layer of AES-256 encryption with a different key, so one compromised key or algorithm does not expose the data.',
  remediation: {
    portal: [
      'Infrastructure encryption can only be chosen when an account is created.',
      'Create a new storage account and, on the Encryption tab, tick "Enable infrastructure encryption".',
      'Move the data to the new account and delete the old one.',
    ],
    cli: 'az storage account create --name <new-account> --resource-group <group> --location <region> --require-infrastructure-encryption true',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  evaluate(account) {
    if (asBool(prop(account, 'encryption', 'requireInfrastructureEncryption')) === true) return pass();
    return fail(`Storage account ${nameOf(account)} does not use infrastructure (double) encryption.`);
  },
};
