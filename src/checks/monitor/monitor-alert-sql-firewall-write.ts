import type { SubscriptionRule } from '../../core/posture/rule';
import { judgeOperationAlert } from '../lib/activity-log';

/** See lib/activity-log.ts: an enabled alert watching `Microsoft.Sql/servers/firewallRules/write` at subscription scope. */
export const rule: SubscriptionRule = {
  id: 'monitor-alert-sql-firewall-write',
  title: 'An activity-log alert fires on creating or updating a SQL server firewall rule',
  severity: 'high',
  cis: ['CIS 2.1 5.2.7', 'CIS 3.0 6.2.7', 'CIS 4.0 7.1.2.7'],
  rationale:
    'A new or widened SQL firewall rule can expose a database to the internet. An alert on every change shortens the time such exposure goes unnoticed.',
  remediation: {
    portal: [
      'In the Azure portal, open Monitor, select Alerts, then Create > Alert rule.',
      'Scope it to the subscription; under Condition select See all signals and pick "Create/Update server firewall rule (Server Firewall Rule)".',
      'Attach an action group that notifies your team, name the rule, and select Review + create.',
    ],
    cli: 'az monitor activity-log alert create --resource-group <group> --name <alert> --scope /subscriptions/<subscription-id> --condition category=Administrative and operationName=Microsoft.Sql/servers/firewallRules/write --action-group <action-group-id>',
  },
  scope: 'subscription',
  resourceType: 'subscription',
  evaluate(facts) {
    return judgeOperationAlert(
      facts,
      'Microsoft.Sql/servers/firewallRules/write',
      'creating or updating a SQL server firewall rule',
    );
  },
};
