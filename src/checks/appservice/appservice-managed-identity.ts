import type { ResourceRule } from '../../core/posture/rule';
import { asString, eqi, field, nameOf } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/** Passes when the site's `identity.type` is set and not `None`. */
export const rule: ResourceRule = {
  id: 'appservice-managed-identity',
  title: 'App Service apps have a managed identity',
  severity: 'medium',
  cis: ['CIS 2.1 9.4', 'CIS 3.0 9.5'],
  rationale:
    'A managed identity lets the app reach Key Vault, storage and databases with tokens Azure rotates for it, instead of secrets kept in settings or code.',
  remediation: {
    portal: [
      'Open the app in the Azure portal.',
      'Under Settings, select Identity.',
      'On the System assigned tab set Status to On and select Save (or add a user-assigned identity).',
    ],
    cli: 'az webapp identity assign --resource-group <group> --name <app>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Web/sites',
  evaluate(site) {
    const type = field(field(site, 'identity'), 'type');
    if (asString(type) !== undefined && !eqi(type, 'None')) return pass();
    return fail(`App ${nameOf(site)} has no managed identity.`);
  },
};
