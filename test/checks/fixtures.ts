/** Builders for posture-rule tests: ARM-shaped resources, subscription facts, and the loop over resources. */

import type { ResourceModel, Rule, SubscriptionFacts, Verdict } from '../../src/core/posture/rule';

export const SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000001';

export function resource(
  type: string,
  name: string,
  properties: Record<string, unknown> = {},
  extra: Partial<ResourceModel> = {},
): ResourceModel {
  return {
    id: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-test/providers/${type}/${name}`,
    name,
    type,
    location: 'westeurope',
    resourceGroup: 'rg-test',
    properties,
    ...extra,
  };
}

/**
 * The loop over resources, as core runs it: every resource of the rule's type (compared
 * case-insensitively) through `evaluate`. Resource rules only.
 */
export function judge(rule: Rule, resources: ResourceModel[]): Verdict[] {
  if (rule.scope !== 'resource') throw new Error(`${rule.id} judges the subscription; use facts()`);
  return resources
    .filter((r) => r.type.toLowerCase() === rule.resourceType.toLowerCase())
    .map((r) => rule.evaluate(r));
}

/** Judges one resource through `judge` and returns its single verdict. */
export function judgeOne(rule: Rule, r: ResourceModel): Verdict {
  const [verdict, ...rest] = judge(rule, [r]);
  if (verdict === undefined || rest.length > 0) throw new Error(`expected one verdict for ${r.type}`);
  return verdict;
}

export function facts(over: Partial<SubscriptionFacts> = {}): SubscriptionFacts {
  return {
    subscriptionId: SUBSCRIPTION_ID,
    locationsInUse: [],
    networkWatcherLocations: [],
    activityLogAlerts: [],
    diagnosticSettings: [],
    securityContacts: [],
    ...over,
  };
}

/** The fail reason, or a test failure naming the verdict actually returned. */
export function reasonOf(verdict: Verdict): string {
  if (verdict.status !== 'fail') throw new Error(`expected fail, got ${JSON.stringify(verdict)}`);
  return verdict.reason;
}

// ---- ARM shapes ----------------------------------------------------------------------------

export const TYPES = {
  storage: 'Microsoft.Storage/storageAccounts',
  nsg: 'Microsoft.Network/networkSecurityGroups',
  sqlServer: 'Microsoft.Sql/servers',
  sqlDatabase: 'Microsoft.Sql/servers/databases',
  postgres: 'Microsoft.DBforPostgreSQL/flexibleServers',
  mysql: 'Microsoft.DBforMySQL/flexibleServers',
  keyVault: 'Microsoft.KeyVault/vaults',
  webApp: 'Microsoft.Web/sites',
  cosmos: 'Microsoft.DocumentDB/databaseAccounts',
  registry: 'Microsoft.ContainerRegistry/registries',
  aks: 'Microsoft.ContainerService/managedClusters',
  vm: 'Microsoft.Compute/virtualMachines',
  disk: 'Microsoft.Compute/disks',
  pricing: 'Microsoft.Security/pricings',
  roleDefinition: 'Microsoft.Authorization/roleDefinitions',
  activityLogAlert: 'Microsoft.Insights/activityLogAlerts',
  diagnosticSetting: 'Microsoft.Insights/diagnosticSettings',
  securityContact: 'Microsoft.Security/securityContacts',
} as const;

export interface NsgRuleFields {
  access?: unknown;
  direction?: unknown;
  priority?: unknown;
  protocol?: unknown;
  sourceAddressPrefix?: unknown;
  sourceAddressPrefixes?: unknown;
  destinationAddressPrefix?: unknown;
  destinationPortRange?: unknown;
  destinationPortRanges?: unknown;
}

/** A security rule in ARM's shape; defaults: inbound Allow TCP from a private range to port 443. */
export function nsgRule(name: string, fields: NsgRuleFields = {}): Record<string, unknown> {
  return {
    name,
    id: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-test/providers/${TYPES.nsg}/nsg-test/securityRules/${name}`,
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    properties: {
      access: 'Allow',
      direction: 'Inbound',
      priority: 100,
      protocol: 'Tcp',
      sourcePortRange: '*',
      sourceAddressPrefix: '10.0.0.0/24',
      destinationAddressPrefix: '*',
      destinationPortRange: '443',
      ...fields,
    },
  };
}

/** The three default rules Azure adds to every NSG (harmless: VNet and load balancer only). */
export const DEFAULT_INBOUND_RULES = [
  nsgRule('AllowVnetInBound', {
    priority: 65000,
    protocol: '*',
    sourceAddressPrefix: 'VirtualNetwork',
    destinationAddressPrefix: 'VirtualNetwork',
    destinationPortRange: '*',
  }),
  nsgRule('AllowAzureLoadBalancerInBound', {
    priority: 65001,
    protocol: '*',
    sourceAddressPrefix: 'AzureLoadBalancer',
    destinationPortRange: '*',
  }),
  nsgRule('DenyAllInBound', {
    access: 'Deny',
    priority: 65500,
    protocol: '*',
    sourceAddressPrefix: '*',
    destinationPortRange: '*',
  }),
];

export function nsg(securityRules: unknown[], name = 'nsg-test'): ResourceModel {
  return resource(TYPES.nsg, name, { securityRules, defaultSecurityRules: DEFAULT_INBOUND_RULES });
}

export function firewallRule(
  name: string,
  startIpAddress: string,
  endIpAddress: string,
): Record<string, unknown> {
  return { name, properties: { startIpAddress, endIpAddress } };
}

export function configuration(name: string, value: string): Record<string, unknown> {
  return { name, properties: { value, source: 'user-override' } };
}

export function activityLogAlert(
  name: string,
  operationName: string,
  over: { enabled?: unknown; scopes?: unknown } = {},
): ResourceModel {
  return resource(TYPES.activityLogAlert, name, {
    enabled: over.enabled ?? true,
    scopes: over.scopes ?? [`/subscriptions/${SUBSCRIPTION_ID}`],
    condition: {
      allOf: [
        { field: 'category', equals: 'Administrative' },
        { field: 'operationName', equals: operationName },
      ],
    },
    actions: {
      actionGroups: [
        { actionGroupId: '/subscriptions/x/resourceGroups/rg/providers/microsoft.insights/actionGroups/ops' },
      ],
    },
  });
}
