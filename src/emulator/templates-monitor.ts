/** Generated monitoring: activity-log alerts on the administrative operations the CIS benchmark names. */

import type { ResourceTemplate } from './resource-template';

/** Operations the CIS benchmark wants an activity-log alert on. */
export const MONITORED_OPERATIONS: readonly string[] = [
  'Microsoft.Authorization/policyAssignments/write',
  'Microsoft.Authorization/policyAssignments/delete',
  'Microsoft.Network/networkSecurityGroups/write',
  'Microsoft.Network/networkSecurityGroups/delete',
  'Microsoft.Security/securitySolutions/write',
  'Microsoft.Security/securitySolutions/delete',
  'Microsoft.Sql/servers/firewallRules/write',
  'Microsoft.Sql/servers/firewallRules/delete',
  'Microsoft.Network/publicIPAddresses/write',
  'Microsoft.Network/publicIPAddresses/delete',
];

/** The `properties` of an activity-log alert on `operations` (one, or several through `anyOf`). */
export function activityLogAlertProperties(
  scope: string,
  operations: readonly string[],
  actionGroupId: string,
  enabled = true,
  description = '',
): Record<string, unknown> {
  const leaf = (op: string) => ({ field: 'operationName', equals: op });
  const [first] = operations;
  const which =
    operations.length === 1 && first !== undefined ? leaf(first) : { anyOf: operations.map(leaf) };
  return {
    scopes: [scope],
    condition: { allOf: [{ field: 'category', equals: 'Administrative' }, which] },
    actions: { actionGroups: [{ actionGroupId, webhookProperties: {} }] },
    enabled,
    description,
  };
}

const slug = (op: string): string =>
  op
    .split('/')
    .slice(-2)
    .join('-')
    .replace(/[A-Z]/g, (ch) => ch.toLowerCase());

const SLUGS = MONITORED_OPERATIONS.map(slug);
const BY_SLUG = new Map(SLUGS.map((s, i) => [s, MONITORED_OPERATIONS[i] as string]));

export const activityLogAlert: ResourceTemplate = {
  type: 'Microsoft.Insights/activityLogAlerts',
  weight: 2,
  name: (n, rng) => `alert-${rng.pick(SLUGS)}-${n.toString(36)}`,
  // A disabled alert, or one scoped to a resource group, watches less than it seems to.
  knobs: ['disabled', 'groupScope'],
  build: (c) => {
    const sub = `/subscriptions/${c.subscriptionId}`;
    const op = BY_SLUG.get(c.name.slice(6, c.name.lastIndexOf('-'))) ?? c.rng.pick(MONITORED_OPERATIONS);
    return {
      location: 'Global',
      properties: activityLogAlertProperties(
        c.bad('groupScope') ? `${sub}/resourceGroups/${c.resourceGroup}` : sub,
        [op],
        `${sub}/resourceGroups/${c.resourceGroup}/providers/microsoft.insights/actionGroups/ag-secops`,
        !c.bad('disabled'),
        `Alert on ${op}`,
      ),
    };
  },
};
