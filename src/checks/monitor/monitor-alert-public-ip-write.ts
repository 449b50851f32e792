import type { SubscriptionRule } from '../../core/posture/rule';
import { judgeOperationAlert } from '../lib/activity-log';

/** See lib/activity-log.ts: an enabled alert watching `Microsoft.Network/publicIPAddresses/write` at subscription scope. */
export const rule: SubscriptionRule = {
  id: 'monitor-alert-public-ip-write',
  title: 'An activity-log alert fires on creating or updating a public IP address',
  severity: 'high',
  cis: ['CIS 2.1 5.2.9', 'CIS 3.0 6.2.9', 'CIS 4.0 7.1.2.9'],
  rationale:
    'Every new public IP address is a new way in from the internet. An alert on changes keeps the internet-facing surface known.',
  remediation: {
    portal: [
      'In the Azure portal, open Monitor, select Alerts, then Create > Alert rule.',
      'Scope it to the subscription; under Condition select See all signals and pick "Create or Update Public Ip Address (Public Ip Address)".',
      'Attach an action group that notifies your team, name the rule, and select Review + create.',
    ],
    cli: 'az monitor activity-log alert create --resource-group <group> --name <alert> --scope /subscriptions/<subscription-id> --condition category=Administrative and operationName=Microsoft.Network/publicIPAddresses/write --action-group <action-group-id>',
  },
  scope: 'subscription',
  resourceType: 'subscription',
  evaluate(facts) {
    return judgeOperationAlert(
      facts,
      'Microsoft.Network/publicIPAddresses/write',
      'creating or updating a public IP address',
    );
  },
};
