import type { SubscriptionRule } from '../../core/posture/rule';
import { judgeOperationAlert } from '../lib/activity-log';

/** See lib/activity-log.ts: an enabled alert watching `Microsoft.Security/securitySolutions/delete` at subscription scope. */
export const rule: SubscriptionRule = {
  id: 'monitor-alert-security-solution-delete',
  title: 'An activity-log alert fires on deleting a security solution',
  severity: 'high',
  cis: ['CIS 2.1 5.2.6', 'CIS 3.0 6.2.6', 'CIS 4.0 7.1.2.6'],
  rationale:
    'Removing a security solution blinds part of your monitoring, which attackers like to do first. An alert makes the removal visible.',
  remediation: {
    portal: [
      'In the Azure portal, open Monitor, select Alerts, then Create > Alert rule.',
      'Scope it to the subscription; under Condition select See all signals and pick "Delete Security Solutions (Security Solutions)".',
      'Attach an action group that notifies your team, name the rule, and select Review + create.',
    ],
    cli: 'az monitor activity-log alert create --resource-group <group> --name <alert> --scope /subscriptions/<subscription-id> --condition category=Administrative and operationName=Microsoft.Security/securitySolutions/delete --action-group <action-group-id>',
  },
  scope: 'subscription',
  resourceType: 'subscription',
  evaluate(facts) {
    return judgeOperationAlert(
      facts,
      'Microsoft.Security/securitySolutions/delete',
      'deleting a security solution',
    );
  },
};
