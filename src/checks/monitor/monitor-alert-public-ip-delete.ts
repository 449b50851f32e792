import type { SubscriptionRule } from '../../core/posture/rule';
import { judgeOperationAlert } from '../lib/activity-log';

/** See lib/activity-log.ts: an enabled alert watching `Microsoft.Network/publicIPAddresses/delete` at subscription scope. */
export const rule: SubscriptionRule = {
  id: 'monitor-alert-public-ip-delete',
  title: 'An activity-log alert fires on deleting a public IP address',
  severity: 'high',
  cis: ['CIS 2.1 5.2.10', 'CIS 3.0 6.2.10', 'CIS 4.0 7.1.2.10'],
  rationale:
    'Deleting public IP addresses changes the internet-facing surface and can be part of covering tracks. An alert keeps such changes visible.',
  remediation: {
    portal: [
      'In the Azure portal, open Monitor, select Alerts, then Create > Alert rule.',
      'Scope it to the subscription; under Condition select See all signals and pick "Delete Public Ip Address (Public Ip Address)".',
      'Attach an action group that notifies your team, name the rule, and select Review + create.',
    ],
    cli: 'az monitor activity-log alert create --resource-group <group> --name <alert> --scope /subscriptions/<subscription-id> --condition category=Administrative and operationName=Microsoft.Network/publicIPAddresses/delete --action-group <action-group-id>',
  },
  scope: 'subscription',
  resourceType: 'subscription',
  evaluate(facts) {
    return judgeOperationAlert(
      facts,
      'Microsoft.Network/publicIPAddresses/delete',
      'deleting a public IP address',
    );
  },
};
