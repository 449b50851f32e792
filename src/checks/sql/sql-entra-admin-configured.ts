import type { ResourceRule } from '../../core/posture/rule';
import { childList, entryProps } from '../lib/children';
import { asString, field, nameOf, prop } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

function isAdmin(entry: unknown): boolean {
  const props = entryProps(entry);
  return asString(field(props, 'login')) !== undefined || asString(field(props, 'sid')) !== undefined;
}

/**
 * Passes when an Entra ID administrator is set: in the server's own `properties.administrators`
 * (recent API versions) or in the administrators sub-resource. Not applicable when neither was
 * read; an empty administrators list fails.
 */
export const rule: ResourceRule = {
  id: 'sql-entra-admin-configured',
  title: 'SQL servers have a Microsoft Entra ID administrator',
  severity: 'medium',
  cis: ['CIS 2.1 4.1.4', 'CIS 3.0 5.1.4'],
  rationale:
    'An Entra ID administrator lets database access use central identities, MFA and conditional access instead of SQL logins with passwords managed per server.',
  remediation: {
    portal: [
      'Open the SQL server in the Azure portal.',
      'Under Settings, select Microsoft Entra ID.',
      'Select "Set admin", choose a user or group, and select Save.',
    ],
    cli: 'az sql server ad-admin create --resource-group <group> --server-name <server> --display-name <admin-name> --object-id <object-id>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Sql/servers',
  needs: ['administrators'],
  evaluate(server) {
    if (isAdmin(prop(server, 'administrators'))) return pass();
    const admins = childList(server, 'administrators');
    if (admins === undefined) return notApplicable();
    if (admins.some(isAdmin)) return pass();
    return fail(`SQL server ${nameOf(server)} has no Microsoft Entra ID administrator.`);
  },
};
