import type { SubscriptionRule } from '../../core/posture/rule';
import { asArray, asBool, asString, field, listNames, nameOf } from '../lib/props';
import { fail, pass } from '../lib/verdict';

const DESTINATIONS = [
  'workspaceId',
  'storageAccountId',
  'eventHubAuthorizationRuleId',
  'marketplacePartnerId',
];

function exportsActivityLog(setting: unknown): boolean {
  const props = field(setting, 'properties');
  if (!DESTINATIONS.some((d) => asString(field(props, d)) !== undefined)) return false;
  const logs = field(props, 'logs');
  if (!Array.isArray(logs)) return true;
  return asArray(logs).some((l) => asBool(field(l, 'enabled')) === true);
}

/**
 * Passes when a subscription diagnostic setting sends the activity log somewhere (a workspace,
 * storage account, event hub or partner) with at least one log category enabled (a setting that
 * does not list its categories counts).
 */
export const rule: SubscriptionRule = {
  id: 'monitor-activity-log-diagnostic-setting',
  title: 'The subscription activity log is exported by a diagnostic setting',
  severity: 'high',
  cis: ['CIS 2.1 5.1.1', 'CIS 3.0 6.1.1', 'CIS 4.0 7.1.1.1'],
  rationale:
    'Azure keeps the activity log for 90 days only and it cannot be queried with other logs. Exporting it keeps a longer record of who changed what, for alerting and investigations.',
  remediation: {
    portal: [
      'In the Azure portal, open Monitor and select Activity log.',
      'Select "Export Activity Logs", then "Add diagnostic setting".',
      'Tick the Administrative, Security, Alert and Policy categories, choose a Log Analytics workspace or storage account, and select Save.',
    ],
    cli: 'az monitor diagnostic-settings subscription create --name <setting> --location <region> --workspace <workspace-resource-id> --logs \'[{"category":"Administrative","enabled":true},{"category":"Security","enabled":true},{"category":"Alert","enabled":true},{"category":"Policy","enabled":true}]\'',
  },
  scope: 'subscription',
  resourceType: 'subscription',
  evaluate(facts) {
    const settings = asArray(field(facts, 'diagnosticSettings'));
    if (settings.some(exportsActivityLog)) return pass();
    if (settings.length === 0) return fail('No diagnostic setting exports the subscription activity log.');
    const names = listNames(settings.map((s) => nameOf(s, '(unnamed)')));
    return fail(`Diagnostic setting ${names} has no destination or no enabled log category.`);
  },
};
