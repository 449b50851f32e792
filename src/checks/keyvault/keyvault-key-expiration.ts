import type { ResourceRule } from '../../core/posture/rule';
import { childList, entryProps } from '../lib/children';
import { asBool, asNumber, asString, field, listNames, nameOf, path } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

/**
 * Reads the vault's keys (management plane). Every enabled key needs `attributes.exp`; disabled
 * keys are skipped (`enabled` missing counts as enabled). A vault with no keys passes. Not
 * applicable when the keys were not read.
 */
export const rule: ResourceRule = {
  id: 'keyvault-key-expiration',
  title: 'Key vault keys have an expiration date',
  severity: 'medium',
  cis: ['CIS 2.1 8.1', 'CIS 3.0 3.3.1', 'CIS 4.0 9.3.1'],
  rationale:
    'A key without an expiration date can be used forever, even long after it should have been rotated. An expiry forces rotation and limits how long a leaked key stays useful.',
  remediation: {
    portal: [
      'Open the key vault in the Azure portal.',
      'Under Objects, select Keys, then each key without an expiration date and its current version.',
      'Tick "Set expiration date", choose a date, and select Save (or add a rotation policy that sets one).',
    ],
    cli: 'az keyvault key set-attributes --vault-name <vault> --name <key> --expires <yyyy-mm-ddThh:mm:ssZ>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.KeyVault/vaults',
  needs: ['keys'],
  evaluate(vault) {
    const keys = childList(vault, 'keys');
    if (keys === undefined) return notApplicable();
    const withoutExpiry = keys
      .filter((key) => {
        const attributes = path(entryProps(key), 'attributes');
        if (asBool(field(attributes, 'enabled')) === false) return false;
        const exp = field(attributes, 'exp');
        return asNumber(exp) === undefined && asString(exp) === undefined;
      })
      .map((key) => asString(field(key, 'name')) ?? '(unnamed)');
    if (withoutExpiry.length === 0) return pass();
    const noun = withoutExpiry.length === 1 ? 'key' : 'keys';
    return fail(
      `Key vault ${nameOf(vault)} has ${noun} without an expiration date: ${listNames(withoutExpiry)}.`,
    );
  },
};
