import type { ResourceRule } from '../../core/posture/rule';
import { asNumber, nameOf, prop, shown } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes when `keyPolicy.keyExpirationPeriodInDays` is set to 1–90 days. Missing fails: without a
 * key policy Azure never reminds anyone to rotate the keys.
 */
export const rule: ResourceRule = {
  id: 'storage-key-expiration-policy',
  title: 'Storage accounts set a key rotation reminder of 90 days or less',
  severity: 'medium',
  cis: ['CIS 2.1 3.4', 'CIS 3.0 4.4', 'CIS 4.0 10.3.1.2'],
  rationale:
    'Account keys never expire on their own, so a leaked key stays useful until someone rotates it. A key expiration policy flags keys older than the period so they get rotated.',
  remediation: {
    portal: [
      'Open the storage account in the Azure portal.',
      'Under Security + networking, select Access keys.',
      'Select "Set rotation reminder", enable it with a period of 90 days or less, and select Save.',
    ],
    cli: 'az storage account update --name <account> --resource-group <group> --key-exp-days 90',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  evaluate(account) {
    const value = prop(account, 'keyPolicy', 'keyExpirationPeriodInDays');
    const days = asNumber(value);
    if (days !== undefined && days > 0 && days <= 90) return pass();
    if (days === undefined) {
      return fail(`Storage account ${nameOf(account)} has no key expiration policy (keyPolicy is not set).`);
    }
    return fail(
      `Storage account ${nameOf(account)} lets keys go ${shown(value)} days before rotation is due (limit 90).`,
    );
  },
};
