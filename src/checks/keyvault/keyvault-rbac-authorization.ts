import type { ResourceRule } from '../../core/posture/rule';
import { asBool, nameOf, prop } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/** Passes on `enableRbacAuthorization: true`. Missing fails: the vault then uses access policies. */
export const rule: ResourceRule = {
  id: 'keyvault-rbac-authorization',
  title: 'Key vaults use Azure RBAC for data-plane access',
  severity: 'high',
  cis: ['CIS 2.1 8.6', 'CIS 3.0 3.3.6', 'CIS 4.0 9.3.6'],
  rationale:
    'Access policies are managed vault by vault and cannot be scoped finely or governed with Privileged Identity Management. Azure RBAC gives per-secret scopes, central review and just-in-time elevation.',
  remediation: {
    portal: [
      'Open the key vault in the Azure portal.',
      'Under Settings, select Access configuration.',
      'Choose "Azure role-based access control", recreate the needed permissions as role assignments, and select Apply.',
    ],
    cli: 'az keyvault update --name <vault> --resource-group <group> --enable-rbac-authorization true',
  },
  scope: 'resource',
  resourceType: 'Microsoft.KeyVault/vaults',
  evaluate(vault) {
    if (asBool(prop(vault, 'enableRbacAuthorization')) === true) return pass();
    return fail(`Key vault ${nameOf(vault)} uses vault access policies instead of Azure RBAC.`);
  },
};
