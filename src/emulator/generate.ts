/**
 * Deterministic generation of realistic ARM resources (with their sub-resources) and subscription
 * settings, some insecure on purpose for the posture rules.
 */

import { DEFENDER_PLANS, freePricing } from './azure-defaults';
import { hashString, mulberry32, type Rng } from './prng';
import type { BuildContext, ResourceTemplate } from './resource-template';
import { managedCluster, managedDisk, virtualMachine, webApp } from './templates-compute';
import { containerRegistry, cosmosAccount, keyVault, storageAccount } from './templates-data';
import { activityLogAlert } from './templates-monitor';
import { networkSecurityGroup, networkWatcher, publicIpAddress, virtualNetwork } from './templates-network';
import { mysqlFlexibleServer, postgresFlexibleServer, sqlDatabase, sqlServer } from './templates-sql';
import type { EmulatedResource, RoleDefinitionFixture, SubscriptionItem } from './world';

export interface GenerateSpec {
  subscriptionId: string;
  /** How many resources (nested ones such as SQL databases included). Ignored when `mix` is given. */
  count?: number;
  /**
   * Exactly how many of each type, by ARM type (see GENERATED_TYPES), instead of a weighted draw of
   * `count`; the order is shuffled by the seed.
   */
  mix?: Readonly<Record<string, number>>;
  /** Same spec and seed, same resources. Default 1. */
  seed?: number;
  /** Number of resource groups `rg-1` … `rg-N`; default about one per 25 resources. */
  resourceGroups?: number;
  /** Share of resources generated with at least one insecure setting, 0..1; default 0.2. */
  insecureRatio?: number;
}

export const LOCATIONS = [
  'eastus',
  'westeurope',
  'northeurope',
  'westus2',
  'southeastasia',
  'uksouth',
] as const;

export const TEMPLATES: readonly ResourceTemplate[] = [
  storageAccount,
  networkSecurityGroup,
  virtualMachine,
  managedDisk,
  keyVault,
  sqlServer,
  sqlDatabase,
  postgresFlexibleServer,
  mysqlFlexibleServer,
  webApp,
  containerRegistry,
  managedCluster,
  cosmosAccount,
  virtualNetwork,
  publicIpAddress,
  networkWatcher,
  activityLogAlert,
];

/** The resource types generateResources produces. */
export const GENERATED_TYPES: readonly string[] = TEMPLATES.map((t) => t.type);

const TOTAL_WEIGHT = TEMPLATES.reduce((sum, t) => sum + t.weight, 0);
const BY_TYPE = new Map(TEMPLATES.map((t) => [t.type.toLowerCase(), t]));

function pickTemplate(rng: Rng): ResourceTemplate {
  let r = rng.next() * TOTAL_WEIGHT;
  for (const t of TEMPLATES) {
    r -= t.weight;
    if (r < 0) return t;
  }
  return TEMPLATES[TEMPLATES.length - 1] as ResourceTemplate;
}

function chooseKnobs(rng: Rng, knobs: readonly string[], insecure: boolean): string[] {
  if (!insecure || knobs.length === 0) return [];
  const chosen = [rng.pick(knobs)];
  for (const k of knobs) if (!chosen.includes(k) && rng.chance(0.35)) chosen.push(k);
  return chosen;
}

function makeTags(rng: Rng): Record<string, string> | undefined {
  if (!rng.chance(0.6)) return undefined;
  return {
    environment: rng.pick(['prod', 'staging', 'dev']),
    owner: rng.pick(['team-platform', 'team-payments', 'team-data', 'team-web']),
    costCenter: `CC-${1000 + rng.int(9000)}`,
  };
}

/** The templates to build, in order: a weighted draw of `count`, or `mix` shuffled. */
function plan(spec: GenerateSpec, rng: Rng): ResourceTemplate[] {
  if (!spec.mix) {
    const count = Math.max(0, Math.floor(spec.count ?? 0));
    return Array.from({ length: count }, () => pickTemplate(rng));
  }
  const picks: ResourceTemplate[] = [];
  for (const [type, n] of Object.entries(spec.mix)) {
    const t = BY_TYPE.get(type.toLowerCase());
    if (!t) throw new Error(`generateResources: no template for type '${type}'`);
    for (let i = 0; i < n; i++) picks.push(t);
  }
  for (let i = picks.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [picks[i], picks[j]] = [picks[j] as ResourceTemplate, picks[i] as ResourceTemplate];
  }
  return picks;
}

export function generateResources(spec: GenerateSpec): EmulatedResource[] {
  const rng = mulberry32((spec.seed ?? 1) ^ hashString(spec.subscriptionId.toLowerCase()));
  const picks = plan(spec, rng);
  const count = picks.length;
  const groupCount = Math.max(1, Math.floor(spec.resourceGroups ?? Math.min(200, Math.round(count / 25))));
  const groupLocations = Array.from({ length: groupCount }, () => rng.pick(LOCATIONS));
  const insecureRatio = Math.min(1, Math.max(0, spec.insecureRatio ?? 0.2));

  const top: (EmulatedResource | undefined)[] = new Array(count);
  const nestedUnder = new Map<number, EmulatedResource[]>();
  const parentsByType = new Map<string, number[]>();
  /** Parents without a nested resource yet. */
  const bareByType = new Map<string, number[]>();
  const parentTypes = new Set(TEMPLATES.flatMap((t) => (t.parentType ? [t.parentType] : [])));
  const deferred: number[] = [];

  const finish = (template: ResourceTemplate, c: BuildContext): EmulatedResource => {
    const built = template.build(c);
    const resource: EmulatedResource = {
      id: c.id,
      name: c.parent ? `${c.parent.name}/${c.name}` : c.name,
      type: template.type,
      location: built.location ?? c.location,
      properties: built.properties,
    };
    const tags = makeTags(rng);
    if (tags) resource.tags = tags;
    if (built.sku !== undefined) resource.sku = built.sku;
    if (built.kind !== undefined) resource.kind = built.kind;
    if (built.identity !== undefined) resource.identity = built.identity;
    if (built.children !== undefined) resource.children = built.children;
    return resource;
  };

  const buildTop = (template: ResourceTemplate, n: number): void => {
    const g = rng.int(groupCount);
    const resourceGroup = `rg-${g + 1}`;
    const location = rng.chance(0.8) ? (groupLocations[g] as string) : rng.pick(LOCATIONS);
    const name = template.name(n + 1, rng, location);
    const id = `/subscriptions/${spec.subscriptionId}/resourceGroups/${resourceGroup}/providers/${template.type}/${name}`;
    const bad = chooseKnobs(rng, template.knobs, rng.chance(insecureRatio));
    top[n] = finish(template, {
      rng,
      subscriptionId: spec.subscriptionId,
      resourceGroup,
      location,
      name,
      id,
      bad: (knob) => bad.includes(knob),
    });
    if (parentTypes.has(template.type)) {
      for (const map of [parentsByType, bareByType]) {
        const list = map.get(template.type);
        if (list) list.push(n);
        else map.set(template.type, [n]);
      }
    }
  };

  for (let n = 0; n < count; n++) {
    const template = picks[n] as ResourceTemplate;
    if (template.parentType) deferred.push(n);
    else buildTop(template, n);
  }
  // Nested resources go under a parent made in this run; with none yet, the slot becomes a parent.
  for (const n of deferred) {
    const template = picks[n] as ResourceTemplate;
    const parentType = template.parentType as string;
    const candidates = parentsByType.get(parentType);
    if (!candidates?.length) {
      buildTop(BY_TYPE.get(parentType.toLowerCase()) as ResourceTemplate, n);
      continue;
    }
    // Each parent gets its first nested resource (a server's master database) before any gets a second.
    const bare = bareByType.get(parentType) ?? [];
    let at: number;
    if (bare.length > 0) {
      const k = rng.int(bare.length);
      at = bare[k] as number;
      bare[k] = bare[bare.length - 1] as number;
      bare.pop();
    } else at = rng.pick(candidates);
    const parent = top[at] as EmulatedResource;
    const siblings = nestedUnder.get(at) ?? [];
    const name = template.childName
      ? template.childName(n + 1, rng, siblings.length)
      : template.name(n + 1, rng, parent.location);
    const collection = template.type.slice(template.type.lastIndexOf('/') + 1);
    const bad = chooseKnobs(rng, template.knobs, rng.chance(insecureRatio));
    siblings.push(
      finish(template, {
        rng,
        subscriptionId: spec.subscriptionId,
        resourceGroup: parent.id.split('/')[4] as string,
        location: parent.location,
        name,
        id: `${parent.id}/${collection}/${name}`,
        bad: (knob) => bad.includes(knob),
        parent,
      }),
    );
    nestedUnder.set(at, siblings);
  }

  const out: EmulatedResource[] = [];
  for (let n = 0; n < count; n++) {
    const r = top[n];
    if (!r) continue;
    out.push(r);
    const nested = nestedUnder.get(n);
    if (nested) out.push(...nested);
  }
  return out;
}

/** A subscription's Defender plans, security contacts, activity-log export and custom roles. */
export interface SubscriptionSettings {
  pricings: SubscriptionItem[];
  securityContacts: SubscriptionItem[];
  diagnosticSettings: SubscriptionItem[];
  customRoles: RoleDefinitionFixture[];
}

export interface SettingsSpec {
  subscriptionId: string;
  seed?: number;
  /** Chance of each setting being the insecure kind (a Free plan, no contact, a `*` role…); default 0.2. */
  insecureRatio?: number;
}

/** Settings for a generated subscription, secure most of the time (deterministic per spec). */
export function generateSubscriptionSettings(spec: SettingsSpec): SubscriptionSettings {
  const rng = mulberry32(
    ((spec.seed ?? 1) * 7919) ^ hashString(`settings|${spec.subscriptionId.toLowerCase()}`),
  );
  const ratio = Math.min(1, Math.max(0, spec.insecureRatio ?? 0.2));
  const sub = `/subscriptions/${spec.subscriptionId}`;
  const pricings = DEFENDER_PLANS.map((p): SubscriptionItem => {
    if (p.replacedBy || rng.chance(ratio)) return freePricing(p.name);
    return {
      name: p.name,
      properties: {
        pricingTier: 'Standard',
        ...(p.name === 'VirtualMachines' ? { subPlan: 'P2' } : {}),
        freeTrialRemainingTime: 'PT0S',
        enablementTime: '2024-02-01T09:30:00.0000000Z',
      },
    };
  });
  const securityContacts: SubscriptionItem[] = rng.chance(ratio)
    ? []
    : [
        {
          name: 'default',
          properties: {
            emails: 'secops@example.com',
            phone: '',
            isEnabled: true,
            notificationsByRole: { state: 'On', roles: ['Owner'] },
            notificationsSources: [
              { sourceType: 'Alert', minimalSeverity: rng.pick(['Medium', 'High', 'Low']) },
              { sourceType: 'AttackPath', minimalRiskLevel: 'Critical' },
            ],
          },
        },
      ];
  const diagnosticSettings: SubscriptionItem[] = rng.chance(ratio)
    ? []
    : [
        {
          name: 'activity-log-to-workspace',
          properties: activityLogExport(
            `${sub}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-security`,
          ),
        },
      ];
  const customRoles: RoleDefinitionFixture[] = [
    customRole(rng.guid(), 'VM Operator (custom)', [
      'Microsoft.Compute/virtualMachines/read',
      'Microsoft.Compute/virtualMachines/start/action',
      'Microsoft.Compute/virtualMachines/restart/action',
    ]),
  ];
  if (rng.chance(ratio)) customRoles.push(customRole(rng.guid(), 'Subscription Operator (custom)', ['*']));
  return { pricings, securityContacts, diagnosticSettings, customRoles };
}

/** A subscription diagnostic setting sending every activity-log category to a workspace. */
export function activityLogExport(workspaceId: string): Record<string, unknown> {
  return {
    storageAccountId: null,
    serviceBusRuleId: null,
    workspaceId,
    eventHubAuthorizationRuleId: null,
    eventHubName: null,
    logs: [
      'Administrative',
      'Security',
      'ServiceHealth',
      'Alert',
      'Recommendation',
      'Policy',
      'Autoscale',
      'ResourceHealth',
    ].map((category) => ({ category, enabled: true })),
    logAnalyticsDestinationType: null,
  };
}

export function customRole(
  id: string,
  roleName: string,
  actions: string[],
  description = '',
): RoleDefinitionFixture {
  return {
    id,
    roleName,
    type: 'CustomRole',
    description: description || `${roleName}: created by the operations team.`,
    actions,
    notActions: [],
    dataActions: [],
    notDataActions: [],
  };
}
