import type { SubscriptionRule } from '../../core/posture/rule';
import { judgeOperationAlert } from '../lib/activity-log';

/** See lib/activity-log.ts: an enabled alert watching `Microsoft.Sql/servers/firewallRules/delete` at subscription scope. */
export const rule: SubscriptionRule = {
  id: 'monitor-alert-sql-firewall-delete',
  title: 'An activity-log alert fires on deleting a SQL server firewall rule',
  severity: 'high',
  cis: ['CIS 2.1 5.2.8', 'CIS 3.0 6.2.8', 'CIS 4.0 7.1.2.8'],
  rationale:
    'Deleting SQL firewall rules changes who can reach a database and can break or hide access paths. An alert keeps such changes visible.',
  remediation: {
    portal: [
      'In the Azure portal, open Monitor, select Alerts, then Create > Alert rule.',
      'Scope it to the subscription; under Condition select See all signals and pick "Delete server firewall rule (Server Firewall Rule)".',
      'Attach an action group that notifies your team, name the rule, and select Review + create.',
    ],
    cli: 'az monitor activity-log alert create --resource-group <group> --name <alert> --scope /subscriptions/<subscription-id> --condition category=Administrative and operationName=Microsoft.Sql/servers/firewallRules/delete --action-group <action-group-id>',
  },
  scope: 'subscription',
  resourceType: 'subscription',
  evaluate(facts) {
    return judgeOperationAlert(
      facts,
      'Microsoft.Sql/servers/firewallRules/delete',
      'deleting a SQL server firewall rule',
    );
  },
};
