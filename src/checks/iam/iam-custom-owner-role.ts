import type { ResourceRule } from '../../core/posture/rule';
import { entryProps } from '../lib/children';
import { asArray, asString, eqi, field, nameOf, prop, short } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

/** `/`, a subscription, or a management group: scopes at which a role reaches whole subscriptions. */
function isSubscriptionLevel(scope: string): boolean {
  const s = scope.toLowerCase().replace(/\/+$/, '');
  return (
    s === '' ||
    /^\/subscriptions\/[^/]+$/.test(s) ||
    /^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(s)
  );
}

/**
 * Judges `Microsoft.Authorization/roleDefinitions`. Built-in roles are not applicable (only
 * `properties.type` CustomRole is judged). Fails when a custom role allows `*` actions and is
 * assignable at subscription (or higher) scope.
 */
export const rule: ResourceRule = {
  id: 'iam-custom-owner-role',
  title: 'No custom role grants Owner-like rights (all actions) at subscription scope',
  severity: 'high',
  cis: ['CIS 2.1 1.22', 'CIS 3.0 2.23', 'CIS 4.0 6.23'],
  rationale:
    'A custom role with every action is an Owner that escapes reviews of Owner assignments. Use the built-in Owner role sparingly, and give custom roles only the actions a job needs.',
  remediation: {
    portal: [
      'In the Azure portal, open the subscription and select Access control (IAM), then Roles.',
      'Filter on Type: CustomRole and open the role whose actions include "*".',
      'Replace "*" with the specific actions needed (or delete the role after removing its assignments).',
    ],
    cli: 'az role definition update --role-definition <role-definition-json-file>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Authorization/roleDefinitions',
  evaluate(role) {
    if (!eqi(prop(role, 'type'), 'CustomRole')) return notApplicable();
    const actions = asArray(prop(role, 'permissions')).flatMap((p) =>
      asArray(field(entryProps(p), 'actions')),
    );
    if (!actions.some((a) => asString(a) === '*')) return pass();
    const scopes = asArray(prop(role, 'assignableScopes'))
      .map((s) => (typeof s === 'string' ? s.trim() : undefined))
      .filter((s): s is string => s !== undefined);
    if (!scopes.some(isSubscriptionLevel)) return pass();
    const roleName = asString(prop(role, 'roleName'));
    const label = roleName === undefined ? nameOf(role) : short(roleName);
    return fail(`Custom role ${label} allows all actions (*) and is assignable at subscription scope.`);
  },
};
