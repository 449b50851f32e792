/** The shape of a generated resource type: how to name it and build its realistic ARM body. */

import type { Rng } from './prng';
import type { EmulatedResource, ResourceChildren } from './world';

export interface BuildContext {
  rng: Rng;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  name: string;
  id: string;
  /** True for the insecure settings chosen for this resource (none when it is generated secure). */
  bad(knob: string): boolean;
  /** The parent of a nested resource (a SQL database's server). */
  parent?: EmulatedResource;
}

export interface BuiltResource {
  properties: Record<string, unknown>;
  sku?: unknown;
  kind?: string;
  identity?: unknown;
  /** Overrides the generated location (activity-log alerts are `Global`). */
  location?: string;
  children?: ResourceChildren;
}

export interface ResourceTemplate {
  type: string;
  /** Relative frequency among generated resources. */
  weight: number;
  /** Name for the n-th resource (n unique across the generation, so ids never collide). */
  name(n: number, rng: Rng, location: string): string;
  /** Insecure settings this type can have; an insecure resource gets at least one. Empty = always secure. */
  knobs: readonly string[];
  build(c: BuildContext): BuiltResource;
  /**
   * For a nested type (`Microsoft.Sql/servers/databases`): the parent type. Each one generated is
   * attached to a parent generated in the same run (a parent is made instead when there is none).
   */
  parentType?: string;
  /** A nested resource's own name, given how many siblings its parent already has. */
  childName?(n: number, rng: Rng, siblings: number): string;
}

/** Epoch of generated timestamps: fixed so generation is deterministic. */
const BASE_MS = Date.UTC(2024, 0, 1);

const dateCache = new Map<number, string>();

/** An ISO date-time up to `maxDays` before the fixed epoch, on the hour (cached: generation makes many). */
export function pastDate(rng: Rng, maxDays = 700): string {
  const hours = rng.int(maxDays * 24);
  let s = dateCache.get(hours);
  if (s === undefined) {
    s = new Date(BASE_MS - hours * 3_600_000).toISOString();
    dateCache.set(hours, s);
  }
  return s;
}

export function providerId(c: BuildContext, typeAndName: string): string {
  return `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/${typeAndName}`;
}

/** Seconds since 1970 up to `maxDays` before the fixed epoch, on the hour (Key Vault's `created`). */
export function pastSeconds(rng: Rng, maxDays = 700): number {
  return BASE_MS / 1000 - rng.int(maxDays * 24) * 3600;
}

/** Seconds since 1970, 400 to 400 + `maxDays` days after the fixed epoch (Key Vault's `exp`). */
export function futureSeconds(rng: Rng, maxDays = 1000): number {
  return BASE_MS / 1000 + (400 + rng.int(maxDays)) * 86_400;
}

export const systemIdentity = (rng: Rng, tenantId: string) => ({
  type: 'SystemAssigned',
  principalId: rng.guid(),
  tenantId,
});

/** Tenant id placed in generated bodies (key vaults, identities); not tied to any fixture tenant. */
export const GENERATED_TENANT_ID = '00000000-0000-4000-a000-00000000e1a7';
