import type { ResourceRule } from '../../core/posture/rule';
import { asBool, nameOf, prop } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Needs soft delete and purge protection. A missing `enableSoftDelete` counts as on (Azure now
 * enforces soft delete on every vault); a missing `enablePurgeProtection` counts as off (ARM omits
 * it until it is turned on).
 */
export const rule: ResourceRule = {
  id: 'keyvault-recoverable',
  title: 'Key vaults are recoverable (soft delete and purge protection)',
  severity: 'high',
  cis: ['CIS 2.1 8.5', 'CIS 3.0 3.3.5', 'CIS 4.0 9.3.5'],
  rationale:
    'Soft delete keeps a deleted vault and its keys restorable, and purge protection stops anyone from erasing them for good during the retention period. Together they protect against accidental or malicious deletion.',
  remediation: {
    portal: [
      'Open the key vault in the Azure portal.',
      'Under Settings, select Properties.',
      'If soft delete is off, turn it on first; then select "Enable purge protection" and select Save.',
    ],
    cli: 'az keyvault update --name <vault> --resource-group <group> --enable-purge-protection true',
  },
  scope: 'resource',
  resourceType: 'Microsoft.KeyVault/vaults',
  evaluate(vault) {
    const softDelete = asBool(prop(vault, 'enableSoftDelete')) !== false;
    const purgeProtection = asBool(prop(vault, 'enablePurgeProtection')) === true;
    if (softDelete && purgeProtection) return pass();
    const missing = softDelete
      ? 'purge protection'
      : purgeProtection
        ? 'soft delete'
        : 'soft delete and purge protection';
    return fail(`Key vault ${nameOf(vault)} has ${missing} turned off.`);
  },
};
