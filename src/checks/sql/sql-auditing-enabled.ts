import type { ResourceRule } from '../../core/posture/rule';
import { childProps } from '../lib/children';
import { eqi, field, nameOf, shown } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

/**
 * Reads the server's blob auditing policy. Passes on state Enabled; a missing state fails (auditing
 * is off by default). Not applicable when the policy was not read.
 */
export const rule: ResourceRule = {
  id: 'sql-auditing-enabled',
  title: 'SQL servers have auditing enabled',
  severity: 'high',
  cis: ['CIS 2.1 4.1.1', 'CIS 3.0 5.1.1'],
  rationale:
    'Server auditing records logins, queries and permission changes across all databases. Without it there is no trail to detect misuse or investigate a breach.',
  remediation: {
    portal: [
      'Open the SQL server in the Azure portal.',
      'Under Security, select Auditing.',
      'Turn on "Enable Azure SQL Auditing", choose a Log Analytics workspace or storage account, and select Save.',
    ],
    cli: 'az sql server audit-policy update --resource-group <group> --name <server> --state Enabled --log-analytics-target-state Enabled --log-analytics-workspace-resource-id <workspace-resource-id>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Sql/servers',
  needs: ['auditingSettings'],
  evaluate(server) {
    const policy = childProps(server, 'auditingSettings');
    if (policy === undefined) return notApplicable();
    const state = field(policy, 'state');
    if (eqi(state, 'Enabled')) return pass();
    return fail(
      `SQL server ${nameOf(server)} does not audit database activity (auditing state is ${shown(state)}).`,
    );
  },
};
