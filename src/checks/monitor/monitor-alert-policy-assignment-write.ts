import type { SubscriptionRule } from '../../core/posture/rule';
import { judgeOperationAlert } from '../lib/activity-log';

/** See lib/activity-log.ts: an enabled alert watching `Microsoft.Authorization/policyAssignments/write` at subscription scope. */
export const rule: SubscriptionRule = {
  id: 'monitor-alert-policy-assignment-write',
  title: 'An activity-log alert fires on creating or updating a policy assignment',
  severity: 'high',
  cis: ['CIS 2.1 5.2.1', 'CIS 3.0 6.2.1', 'CIS 4.0 7.1.2.1'],
  rationale:
    'Policy assignments decide which guardrails apply. An alert on changes shows when someone adds or weakens one.',
  remediation: {
    portal: [
      'In the Azure portal, open Monitor, select Alerts, then Create > Alert rule.',
      'Scope it to the subscription; under Condition select See all signals and pick "Create policy assignment (Policy assignment)".',
      'Attach an action group that notifies your team, name the rule, and select Review + create.',
    ],
    cli: 'az monitor activity-log alert create --resource-group <group> --name <alert> --scope /subscriptions/<subscription-id> --condition category=Administrative and operationName=Microsoft.Authorization/policyAssignments/write --action-group <action-group-id>',
  },
  scope: 'subscription',
  resourceType: 'subscription',
  evaluate(facts) {
    return judgeOperationAlert(
      facts,
      'Microsoft.Authorization/policyAssignments/write',
      'creating or updating a policy assignment',
    );
  },
};
