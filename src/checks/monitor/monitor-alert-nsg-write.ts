import type { SubscriptionRule } from '../../core/posture/rule';
import { judgeOperationAlert } from '../lib/activity-log';

/** See lib/activity-log.ts: an enabled alert watching `Microsoft.Network/networkSecurityGroups/write` at subscription scope. */
export const rule: SubscriptionRule = {
  id: 'monitor-alert-nsg-write',
  title: 'An activity-log alert fires on creating or updating a network security group',
  severity: 'high',
  cis: ['CIS 2.1 5.2.3', 'CIS 3.0 6.2.3', 'CIS 4.0 7.1.2.3'],
  rationale:
    'Changes to a network security group can open ports to the internet. An alert on every write lets the team spot unexpected exposure quickly.',
  remediation: {
    portal: [
      'In the Azure portal, open Monitor, select Alerts, then Create > Alert rule.',
      'Scope it to the subscription; under Condition select See all signals and pick "Create or Update Network Security Group (Network Security Group)".',
      'Attach an action group that notifies your team, name the rule, and select Review + create.',
    ],
    cli: 'az monitor activity-log alert create --resource-group <group> --name <alert> --scope /subscriptions/<subscription-id> --condition category=Administrative and operationName=Microsoft.Network/networkSecurityGroups/write --action-group <action-group-id>',
  },
  scope: 'subscription',
  resourceType: 'subscription',
  evaluate(facts) {
    return judgeOperationAlert(
      facts,
      'Microsoft.Network/networkSecurityGroups/write',
      'creating or updating a network security group',
    );
  },
};
