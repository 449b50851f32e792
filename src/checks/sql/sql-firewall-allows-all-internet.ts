import type { ResourceRule } from '../../core/posture/rule';
import { judgeOpenFirewall } from '../lib/firewall';
import { prop } from '../lib/props';

/**
 * Reads the server's firewall rules. Fails when one rule (typically 0.0.0.0–255.255.255.255), or
 * several together, admit every internet address. Passes when public network access is Disabled,
 * since firewall rules are then not evaluated. Not applicable when the rules were not read.
 * The 0.0.0.0–0.0.0.0 "Allow Azure services" rule alone does not fail here.
 */
export const rule: ResourceRule = {
  id: 'sql-firewall-allows-all-internet',
  title: 'SQL servers do not allow connections from every internet address',
  severity: 'critical',
  cis: ['CIS 2.1 4.1.2', 'CIS 3.0 5.1.2'],
  rationale:
    'A firewall rule covering 0.0.0.0–255.255.255.255 puts the database login prompt on the whole internet, leaving only passwords between attackers and the data.',
  remediation: {
    portal: [
      'Open the SQL server in the Azure portal.',
      'Under Security, select Networking.',
      'Delete the firewall rule that spans all addresses, add rules only for the client ranges that need access, and select Save.',
    ],
    cli: 'az sql server firewall-rule delete --resource-group <group> --server <server> --name <rule>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Sql/servers',
  needs: ['firewallRules'],
  evaluate(server) {
    return judgeOpenFirewall(server, 'SQL server', prop(server, 'publicNetworkAccess'));
  },
};
