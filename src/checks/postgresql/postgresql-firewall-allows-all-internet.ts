import type { ResourceRule } from '../../core/posture/rule';
import { judgeOpenFirewall } from '../lib/firewall';
import { prop } from '../lib/props';

/**
 * Not in the catalogue: the PostgreSQL twin of sql-firewall-allows-all-internet, with the same
 * critical severity. Passes when public network access is Disabled; not applicable when the
 * firewall rules were not read.
 */
export const rule: ResourceRule = {
  id: 'postgresql-firewall-allows-all-internet',
  title: 'PostgreSQL flexible servers do not allow connections from every internet address',
  severity: 'critical',
  cis: [],
  rationale:
    'A firewall rule covering 0.0.0.0–255.255.255.255 exposes the database login to the whole internet, leaving only passwords between attackers and the data.',
  remediation: {
    portal: [
      'Open the Azure Database for PostgreSQL flexible server in the Azure portal.',
      'Under Settings, select Networking.',
      'Delete the firewall rule that spans all addresses, add rules only for the client ranges that need access, and select Save.',
    ],
    cli: 'az postgres flexible-server firewall-rule delete --resource-group <group> --name <server> --rule-name <rule> --yes',
  },
  scope: 'resource',
  resourceType: 'Microsoft.DBforPostgreSQL/flexibleServers',
  needs: ['firewallRules'],
  evaluate(server) {
    return judgeOpenFirewall(server, 'PostgreSQL server', prop(server, 'network', 'publicNetworkAccess'));
  },
};
