import type { SubscriptionRule } from '../../core/posture/rule';
import { judgeOperationAlert } from '../lib/activity-log';

/** See lib/activity-log.ts: an enabled alert watching `Microsoft.Network/networkSecurityGroups/delete` at subscription scope. */
export const rule: SubscriptionRule = {
  id: 'monitor-alert-nsg-delete',
  title: 'An activity-log alert fires on deleting a network security group',
  severity: 'high',
  cis: ['CIS 2.1 5.2.4', 'CIS 3.0 6.2.4', 'CIS 4.0 7.1.2.4'],
  rationale:
    'Deleting a network security group removes every filter it applied to its subnets and interfaces. An alert makes that change visible at once.',
  remediation: {
    portal: [
      'In the Azure portal, open Monitor, select Alerts, then Create > Alert rule.',
      'Scope it to the subscription; under Condition select See all signals and pick "Delete Network Security Group (Network Security Group)".',
      'Attach an action group that notifies your team, name the rule, and select Review + create.',
    ],
    cli: 'az monitor activity-log alert create --resource-group <group> --name <alert> --scope /subscriptions/<subscription-id> --condition category=Administrative and operationName=Microsoft.Network/networkSecurityGroups/delete --action-group <action-group-id>',
  },
  scope: 'subscription',
  resourceType: 'subscription',
  evaluate(facts) {
    return judgeOperationAlert(
      facts,
      'Microsoft.Network/networkSecurityGroups/delete',
      'deleting a network security group',
    );
  },
};
