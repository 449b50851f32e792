import type { ResourceRule } from '../../core/posture/rule';
import { childList } from '../lib/children';
import { allowsAzureServices, firewallRanges } from '../lib/ip';
import { eqi, nameOf, prop } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

/**
 * Fails when a firewall rule spans 0.0.0.0–0.0.0.0, the portal's "Allow public access from any
 * Azure service". Passes when public network access is Disabled (firewall rules do not apply).
 * Not applicable when the firewall rules were not read.
 */
export const rule: ResourceRule = {
  id: 'postgresql-allow-azure-services',
  title: 'PostgreSQL flexible servers do not admit every Azure service',
  severity: 'high',
  cis: ['CIS 2.1 4.3.7', 'CIS 3.0 5.2.5'],
  rationale:
    'The "allow Azure services" rule admits connections from any Azure resource, including ones in other customers\u2019 subscriptions. Allow specific addresses or use private access instead.',
  remediation: {
    portal: [
      'Open the Azure Database for PostgreSQL flexible server in the Azure portal.',
      'Under Settings, select Networking.',
      'Clear "Allow public access from any Azure service within Azure to this server" and select Save.',
    ],
    cli: 'az postgres flexible-server firewall-rule delete --resource-group <group> --name <server> --rule-name <rule> --yes',
  },
  scope: 'resource',
  resourceType: 'Microsoft.DBforPostgreSQL/flexibleServers',
  needs: ['firewallRules'],
  evaluate(server) {
    if (eqi(prop(server, 'network', 'publicNetworkAccess'), 'Disabled')) return pass();
    const rules = childList(server, 'firewallRules');
    if (rules === undefined) return notApplicable();
    const azure = firewallRanges(rules).find(allowsAzureServices);
    if (azure === undefined) return pass();
    return fail(
      `PostgreSQL server ${nameOf(server)} firewall rule ${azure.name} (0.0.0.0–0.0.0.0) admits every Azure service.`,
      azure.name,
    );
  },
};
