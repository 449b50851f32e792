/** Deterministic generation of realistic ARM resources, some insecure on purpose for the posture rules. */

import { hashString, mulberry32, type Rng } from './prng';
import type { BuildContext, ResourceTemplate } from './resource-template';
import { managedCluster, managedDisk, virtualMachine, webApp } from './templates-compute';
import { containerRegistry, cosmosAccount, keyVault, sqlServer, storageAccount } from './templates-data';
import { networkSecurityGroup, networkWatcher, publicIpAddress, virtualNetwork } from './templates-network';
import type { EmulatedResource } from './world';

export interface GenerateSpec {
  subscriptionId: string;
  count: number;
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
  webApp,
  containerRegistry,
  managedCluster,
  cosmosAccount,
  virtualNetwork,
  publicIpAddress,
  networkWatcher,
];

/** The resource types generateResources produces. */
export const GENERATED_TYPES: readonly string[] = TEMPLATES.map((t) => t.type);

const TOTAL_WEIGHT = TEMPLATES.reduce((sum, t) => sum + t.weight, 0);

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

export function generateResources(spec: GenerateSpec): EmulatedResource[] {
  const count = Math.max(0, Math.floor(spec.count));
  const rng = mulberry32((spec.seed ?? 1) ^ hashString(spec.subscriptionId.toLowerCase()));
  const groupCount = Math.max(1, Math.floor(spec.resourceGroups ?? Math.min(200, Math.round(count / 25))));
  const groupLocations = Array.from({ length: groupCount }, () => rng.pick(LOCATIONS));
  const insecureRatio = Math.min(1, Math.max(0, spec.insecureRatio ?? 0.2));
  const out: EmulatedResource[] = new Array(count);

  for (let n = 0; n < count; n++) {
    const template = pickTemplate(rng);
    const g = rng.int(groupCount);
    const resourceGroup = `rg-${g + 1}`;
    const location = rng.chance(0.8) ? (groupLocations[g] as string) : rng.pick(LOCATIONS);
    const name = template.name(n + 1, rng, location);
    const id = `/subscriptions/${spec.subscriptionId}/resourceGroups/${resourceGroup}/providers/${template.type}/${name}`;
    const bad = chooseKnobs(rng, template.knobs, rng.chance(insecureRatio));
    const ctx: BuildContext = {
      rng,
      subscriptionId: spec.subscriptionId,
      resourceGroup,
      location,
      name,
      id,
      bad: (knob) => bad.includes(knob),
    };
    const built = template.build(ctx);
    const resource: EmulatedResource = {
      id,
      name,
      type: template.type,
      location,
      properties: built.properties,
    };
    const tags = makeTags(rng);
    if (tags) resource.tags = tags;
    if (built.sku !== undefined) resource.sku = built.sku;
    if (built.kind !== undefined) resource.kind = built.kind;
    if (built.identity !== undefined) resource.identity = built.identity;
    out[n] = resource;
  }
  return out;
}
