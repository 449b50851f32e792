/**
 * Sub-resources below a resource id (`{id}/firewallRules`, `{id}/config/web`, …): the resource's
 * `children` fixture first, then what ARM serves by default for the known sub-resource types of each
 * parent type. An unknown type answers 404 InvalidResourceType, as ARM does.
 */

import {
  auditingOff,
  defaultWebConfig,
  MYSQL_DEFAULT_PARAMETERS,
  POSTGRES_DEFAULT_PARAMETERS,
  sqlAdminsFromProperties,
} from './azure-defaults';
import { armError, type Ctx, sendJson } from './http';
import { armPage } from './paging';
import type { ArmItem, EmulatedResource, ResourceChildren } from './world';

/** How a known sub-resource collection is served when the fixture says nothing about it. */
type Known =
  /** A collection; `defaults` is what an untouched resource answers (empty when absent). */
  | { name: string; kind: 'list'; defaults?: (parent: EmulatedResource) => ArmItem[] }
  /** Fixed-name singletons (`auditingSettings/default`); `make` undefined for a name = 404. */
  | {
      name: string;
      kind: 'single';
      names: string[];
      make?: (parent: EmulatedResource, name: string) => ArmItem | undefined;
    }
  /** Mirrored from an array in the parent's properties (NSG security rules, subnets). */
  | { name: string; kind: 'props'; property: string }
  /** Nested resources that live in the subscription's resource list (SQL databases). */
  | { name: string; kind: 'resources' };

const list = (name: string, defaults?: (p: EmulatedResource) => ArmItem[]): Known => ({
  name,
  kind: 'list',
  ...(defaults ? { defaults } : {}),
});
const single = (
  name: string,
  names: string[],
  make?: (p: EmulatedResource, n: string) => ArmItem | undefined,
) => ({ name, kind: 'single', names, ...(make ? { make } : {}) }) as Known;
const props = (name: string, property: string): Known => ({ name, kind: 'props', property });

const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

const cors = { corsRules: [] };

/** Known sub-resource collections by lower-case parent type, then lower-case collection name. */
const KNOWN: Record<string, Known[]> = {
  'microsoft.sql/servers': [
    list('firewallRules'),
    list('administrators', sqlAdminsFromProperties),
    single('auditingSettings', ['default'], auditingOff),
    { name: 'databases', kind: 'resources' },
    list('virtualNetworkRules'),
    props('privateEndpointConnections', 'privateEndpointConnections'),
    single('securityAlertPolicies', ['Default'], () => ({
      properties: {
        state: 'Disabled',
        disabledAlerts: [''],
        emailAddresses: [''],
        emailAccountAdmins: false,
      },
    })),
    single('encryptionProtector', ['current'], () => ({
      kind: 'servicemanaged',
      properties: {
        serverKeyName: 'ServiceManaged',
        serverKeyType: 'ServiceManaged',
        autoRotationEnabled: false,
      },
    })),
    single('connectionPolicies', ['default'], () => ({ properties: { connectionType: 'Default' } })),
  ],
  'microsoft.sql/servers/databases': [
    single('transparentDataEncryption', ['current'], (db) => ({
      properties: { state: db.name.toLowerCase().endsWith('/master') ? 'Disabled' : 'Enabled' },
    })),
    single('auditingSettings', ['default'], auditingOff),
    single('backupShortTermRetentionPolicies', ['default'], () => ({
      properties: { retentionDays: 7, diffBackupIntervalInHours: 12 },
    })),
  ],
  'microsoft.dbforpostgresql/flexibleservers': [
    list('configurations', POSTGRES_DEFAULT_PARAMETERS),
    list('firewallRules'),
    list('databases', () => [{ name: 'postgres', properties: { charset: 'UTF8', collation: 'en_US.utf8' } }]),
    list('administrators'),
  ],
  'microsoft.dbformysql/flexibleservers': [
    list('configurations', MYSQL_DEFAULT_PARAMETERS),
    list('firewallRules'),
    list('databases', () =>
      ['information_schema', 'mysql', 'performance_schema', 'sys'].map((name) => ({
        name,
        properties: { charset: 'utf8mb3', collation: 'utf8mb3_general_ci' },
      })),
    ),
  ],
  'microsoft.web/sites': [single('config', ['web'], defaultWebConfig), list('slots')],
  'microsoft.storage/storageaccounts': [
    single('blobServices', ['default'], (a) => ({
      sku: a.sku,
      properties: { cors, deleteRetentionPolicy: { allowPermanentDelete: false, enabled: false } },
    })),
    single('fileServices', ['default'], (a) => ({
      sku: a.sku,
      properties: { cors, shareDeleteRetentionPolicy: { enabled: true, days: 7 } },
    })),
    single('queueServices', ['default'], () => ({ properties: { cors } })),
    single('tableServices', ['default'], () => ({ properties: { cors } })),
    single('managementPolicies', ['default']),
    props('privateEndpointConnections', 'privateEndpointConnections'),
  ],
  'microsoft.keyvault/vaults': [
    list('keys'),
    list('secrets'),
    props('privateEndpointConnections', 'privateEndpointConnections'),
  ],
  'microsoft.compute/virtualmachines': [list('extensions')],
  'microsoft.network/networksecuritygroups': [
    props('securityRules', 'securityRules'),
    props('defaultSecurityRules', 'defaultSecurityRules'),
  ],
  'microsoft.network/virtualnetworks': [
    props('subnets', 'subnets'),
    props('virtualNetworkPeerings', 'virtualNetworkPeerings'),
  ],
  'microsoft.containerregistry/registries': [list('replications'), list('webhooks'), list('scopeMaps')],
  'microsoft.containerservice/managedclusters': [props('agentPools', 'agentPoolProfiles')],
  'microsoft.documentdb/databaseaccounts': [list('sqlDatabases')],
  'microsoft.network/networkwatchers': [list('flowLogs')],
};

const KNOWN_INDEX = new Map<string, Map<string, Known>>(
  Object.entries(KNOWN).map(([type, specs]) => [type, new Map(specs.map((s) => [s.name.toLowerCase(), s]))]),
);

export function knownChild(parentType: string, collection: string): Known | undefined {
  return KNOWN_INDEX.get(parentType.toLowerCase())?.get(collection.toLowerCase());
}

/** The fixture entry under `key` (case-insensitive): its canonical key and value, or undefined. */
function fixtureEntry(
  children: ResourceChildren | undefined,
  key: string,
): { key: string; value: ArmItem | ArmItem[] | null } | undefined {
  if (!children) return undefined;
  if (Object.hasOwn(children, key)) return { key, value: children[key] as ArmItem | ArmItem[] | null };
  const lower = key.toLowerCase();
  for (const k of Object.keys(children)) {
    if (k.toLowerCase() === lower) return { key: k, value: children[k] as ArmItem | ArmItem[] | null };
  }
  return undefined;
}

/** Fixture singletons directly below a collection path (`config/web` below `config`). */
function fixtureSingletons(children: ResourceChildren | undefined, collection: string): [string, ArmItem][] {
  if (!children) return [];
  const prefix = `${collection.toLowerCase()}/`;
  const out: [string, ArmItem][] = [];
  for (const [k, v] of Object.entries(children)) {
    const lower = k.toLowerCase();
    if (!lower.startsWith(prefix) || lower.indexOf('/', prefix.length) >= 0) continue;
    if (v !== null && !Array.isArray(v)) out.push([k, v]);
  }
  return out;
}

/** The ARM type of a sub-resource path: the parent's type plus every collection segment. */
function childType(parent: EmulatedResource, segs: readonly string[]): string {
  return [parent.type, ...segs.filter((_, i) => i % 2 === 0)].join('/');
}

/** One sub-resource as ARM answers it: id, name and type first, then the fixture's own fields. */
function materialize(
  parent: EmulatedResource,
  collectionPath: string,
  item: ArmItem,
  name?: string,
): unknown {
  const segs = collectionPath.split('/');
  const itemName = item.name ?? name ?? '';
  return {
    id: `${parent.id}/${collectionPath}/${itemName}`,
    name: itemName,
    type: childType(parent, segs),
    ...item,
  };
}

/** Entries of a mirrored-properties collection as `{ name, properties }` items. */
function fromProperties(parent: EmulatedResource, property: string): ArmItem[] {
  const raw = parent.properties[property];
  if (!Array.isArray(raw)) return [];
  return raw.map((e) => {
    const o = record(e) ?? {};
    if (record(o['properties'])) return o as ArmItem;
    const { name, ...rest } = o;
    return { name: typeof name === 'string' ? name : '', properties: rest };
  });
}

function apiVersion(ctx: Ctx): string {
  return ctx.query.get('api-version') ?? '';
}

function invalidType(ctx: Ctx, parent: EmulatedResource, segs: readonly string[]): void {
  const [ns, ...types] = childType(parent, segs).split('/');
  armError(
    ctx,
    404,
    'InvalidResourceType',
    `The resource type '${types.join('/')}' could not be found in the namespace '${ns}' for api version '${apiVersion(ctx)}'.`,
  );
}

function childNotFound(ctx: Ctx, parent: EmulatedResource, segs: readonly string[]): void {
  const rg = parent.id.split('/')[4] ?? '';
  const names = [parent.name, ...segs.filter((_, i) => i % 2 === 1)].join('/');
  armError(
    ctx,
    404,
    'ResourceNotFound',
    `The Resource '${childType(parent, segs)}/${names}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/** The items of a collection below `parent`, or undefined when the collection type is unknown. */
function collectionItems(parent: EmulatedResource, segs: readonly string[]): unknown[] | undefined {
  const path = segs.join('/');
  const fixture = fixtureEntry(parent.children, path);
  const known = segs.length === 1 ? knownChild(parent.type, path) : undefined;
  const canonical = fixture?.key ?? known?.name ?? path;
  if (fixture && fixture.value === null) return [];
  if (fixture && Array.isArray(fixture.value))
    return fixture.value.map((e) => materialize(parent, canonical, e));
  const singles = fixtureSingletons(parent.children, path);
  const out = singles.map(([k, v]) => {
    const name = k.slice(k.lastIndexOf('/') + 1);
    return materialize(parent, k.slice(0, k.lastIndexOf('/')), v, name);
  });
  if (known?.kind === 'single') {
    const have = new Set(singles.map(([k]) => k.slice(k.lastIndexOf('/') + 1).toLowerCase()));
    for (const name of known.names) {
      if (have.has(name.toLowerCase())) continue;
      if (fixtureEntry(parent.children, `${path}/${name}`)?.value === null) continue;
      const made = known.make?.(parent, name);
      if (made) out.push(materialize(parent, known.name, made, name));
    }
    return out;
  }
  if (singles.length > 0) return out;
  if (known?.kind === 'list')
    return (known.defaults?.(parent) ?? []).map((e) => materialize(parent, known.name, e));
  if (known?.kind === 'props')
    return fromProperties(parent, known.property).map((e) => materialize(parent, known.name, e));
  return undefined;
}

/** One item below `parent` (`segs` has an even length): the JSON, 'missing' (404) or 'unknown' type. */
function singleItem(parent: EmulatedResource, segs: readonly string[]): unknown | 'missing' | 'unknown' {
  const path = segs.join('/');
  const collection = segs.slice(0, -1).join('/');
  const name = segs[segs.length - 1] as string;
  const fixture = fixtureEntry(parent.children, path);
  if (fixture) {
    if (fixture.value === null || Array.isArray(fixture.value)) return 'missing';
    const cut = fixture.key.lastIndexOf('/');
    return materialize(parent, fixture.key.slice(0, cut), fixture.value, fixture.key.slice(cut + 1));
  }
  const items = collectionItems(parent, segs.slice(0, -1));
  if (items === undefined) return fixtureEntry(parent.children, collection) ? 'missing' : 'unknown';
  const lower = name.toLowerCase();
  return items.find((i) => String((i as { name?: unknown }).name ?? '').toLowerCase() === lower) ?? 'missing';
}

/**
 * Answers `GET {parent.id}/{segs…}` from the parent's sub-resources. `segs` is what follows the parent
 * id (at least one segment). Nested resources kept in the resource list (SQL databases) are the
 * caller's business: see `knownChild(…).kind === 'resources'`.
 */
export function serveChild(ctx: Ctx, parent: EmulatedResource, segs: readonly string[]): void {
  if (segs.length % 2 === 1) {
    const items = collectionItems(parent, segs);
    if (items === undefined) {
      invalidType(ctx, parent, segs);
      return;
    }
    const body = armPage(ctx, items, (i) => i);
    if (body) sendJson(ctx, 200, body);
    return;
  }
  const item = singleItem(parent, segs);
  if (item === 'unknown') invalidType(ctx, parent, segs);
  else if (item === 'missing') childNotFound(ctx, parent, segs);
  else sendJson(ctx, 200, item);
}
