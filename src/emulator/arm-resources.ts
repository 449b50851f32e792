/** ARM resources under a subscription: resources.list, resource groups, GET by id and provider list endpoints. */

import { knownChild, serveChild } from './arm-children';
import { type ArmCaller, authorizationFailed, noRoute } from './arm-common';
import { handleSubscriptionSetting, isSubscriptionSetting } from './arm-settings';
import { armError, type Ctx, sendJson } from './http';
import { armPage } from './paging';
import { canPerform } from './roles';
import { type EmulatedResource, type Subscription, subscriptionScope } from './world';

/**
 * A resource as GET by id and the provider list endpoints return it: the fixture without its
 * `children`, and a nested resource named by its last segment (`db`, where resources.list says
 * `server/db`).
 */
export function armResourceJson(r: EmulatedResource): Record<string, unknown> {
  const { children: _children, ...body } = r;
  const slash = r.name.lastIndexOf('/');
  return slash >= 0 ? { ...body, name: r.name.slice(slash + 1) } : body;
}

const LIST_KEYS = ['id', 'name', 'type', 'sku', 'kind', 'location', 'tags', 'identity', 'managedBy'] as const;

/** A resource as resources.list returns it: no properties. `$expand` adds times and provisioningState. */
function listItem(r: EmulatedResource, expand: string): Record<string, unknown> {
  const src = r as unknown as Record<string, unknown>;
  const o: Record<string, unknown> = {};
  for (const k of LIST_KEYS) if (src[k] !== undefined) o[k] = src[k];
  if (expand) {
    const p = r.properties;
    const created =
      p['creationTime'] ?? p['timeCreated'] ?? p['creationDate'] ?? '2023-01-01T00:00:00.0000000Z';
    if (expand.includes('createdtime')) o['createdTime'] = created;
    if (expand.includes('changedtime')) o['changedTime'] = created;
    if (expand.includes('provisioningstate')) o['provisioningState'] = p['provisioningState'] ?? 'Succeeded';
  }
  return o;
}

const resourceGroupOf = (id: string): string => id.split('/')[4] ?? '';

interface Index {
  length: number;
  byId: Map<string, EmulatedResource>;
  /** By lower-case collection path (the id without its last segment), built on first use. */
  byCollection?: Map<string, EmulatedResource[]>;
  /** Resource groups by lower-case name, built on first use. */
  groups?: Map<string, ResourceGroupInfo>;
}
const indexes = new WeakMap<EmulatedResource[], Index>();

function buildIndex(list: EmulatedResource[]): Index {
  const idx: Index = { length: list.length, byId: new Map() };
  for (const r of list) idx.byId.set(r.id.toLowerCase(), r);
  indexes.set(list, idx);
  return idx;
}

function indexOf(sub: Subscription): Index {
  const idx = indexes.get(sub.resources);
  return idx && idx.length === sub.resources.length ? idx : buildIndex(sub.resources);
}

/** A resource by id (case-insensitive); the index is rebuilt when the live list has changed. */
export function findResource(sub: Subscription, id: string): EmulatedResource | undefined {
  const key = id.toLowerCase();
  const hit = indexOf(sub).byId.get(key);
  if (hit && hit.id.toLowerCase() === key) return hit;
  // An id changed in place since the index was built: rebuild once and look again. A miss is
  // the common case for sub-resource paths and costs no scan.
  if (hit) return buildIndex(sub.resources).byId.get(key);
  return undefined;
}

/** The resources directly below a collection path (`…/servers/s1/databases`, `…/providers/ns/type`). */
function resourcesBelow(sub: Subscription, collectionPath: string): EmulatedResource[] {
  const idx = indexOf(sub);
  if (!idx.byCollection) {
    idx.byCollection = new Map();
    for (const r of sub.resources) {
      const id = r.id.toLowerCase();
      const key = id.slice(0, id.lastIndexOf('/'));
      const bucket = idx.byCollection.get(key);
      if (bucket) bucket.push(r);
      else idx.byCollection.set(key, [r]);
    }
  }
  const key = collectionPath.toLowerCase();
  // Entries whose id was changed in place since the index was built are dropped.
  return (idx.byCollection.get(key) ?? []).filter((r) => r.id.toLowerCase().startsWith(`${key}/`));
}

export interface ResourceGroupInfo {
  name: string;
  location: string;
}

/** Resource groups, derived from the resources' ids (the first resource names the group's location). */
export function resourceGroups(sub: Subscription): Map<string, ResourceGroupInfo> {
  const idx = indexOf(sub);
  idx.groups ??= groupsOf(sub);
  return idx.groups;
}

function groupsOf(sub: Subscription): Map<string, ResourceGroupInfo> {
  const groups = new Map<string, ResourceGroupInfo>();
  for (const r of sub.resources) {
    const name = resourceGroupOf(r.id);
    const key = name.toLowerCase();
    if (name && !groups.has(key)) groups.set(key, { name, location: r.location });
  }
  return groups;
}

function resourceGroupJson(sub: Subscription, g: ResourceGroupInfo) {
  return {
    id: `${subscriptionScope(sub)}/resourceGroups/${g.name}`,
    name: g.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: g.location,
    properties: { provisioningState: 'Succeeded' },
  };
}

/** `resourceType eq 'A' or resourceType eq 'B'`: the set of types, or undefined when unsupported. */
function typeFilter(filter: string | undefined): Set<string> | null | undefined {
  if (filter === undefined || filter.trim() === '') return null;
  const types = new Set<string>();
  for (const part of filter.split(/\s+or\s+/i)) {
    const m = /^\s*resourceType\s+eq\s+'([^']+)'\s*$/i.exec(part);
    if (!m?.[1]) return undefined;
    types.add(m[1].toLowerCase());
  }
  return types;
}

function sendList(
  ctx: Ctx,
  items: readonly EmulatedResource[],
  project: (r: EmulatedResource) => unknown,
): void {
  const body = armPage(ctx, items, project);
  if (body) sendJson(ctx, 200, body);
}

function listResources(ctx: Ctx, caller: ArmCaller, sub: Subscription, scope: string, group?: string): void {
  const action = group
    ? 'Microsoft.Resources/subscriptions/resourceGroups/resources/read'
    : 'Microsoft.Resources/subscriptions/resources/read';
  if (!canPerform(sub, caller.claims.oid, action, scope)) {
    authorizationFailed(ctx, caller, action, scope);
    return;
  }
  const types = typeFilter(ctx.query.get('$filter'));
  if (types === undefined) {
    armError(
      ctx,
      400,
      'InvalidFilterInQueryString',
      `The emulator supports only "resourceType eq '<type>'" filters (joined by or).`,
    );
    return;
  }
  const g = group?.toLowerCase();
  const items =
    types || g
      ? sub.resources.filter(
          (r) =>
            (!types || types.has(r.type.toLowerCase())) && (!g || resourceGroupOf(r.id).toLowerCase() === g),
        )
      : sub.resources;
  const expand = (ctx.query.get('$expand') ?? '').toLowerCase();
  sendList(ctx, items, (r) => listItem(r, expand));
}

/** Routes below `/subscriptions/{id}` (`rest` is what follows), other than Microsoft.Authorization. */
export function handleSubscriptionResources(
  ctx: Ctx,
  caller: ArmCaller,
  sub: Subscription,
  rest: string[],
): void {
  if (ctx.method !== 'GET') {
    noRoute(ctx);
    return;
  }
  const lower = rest.map((s) => s.toLowerCase());
  const subScope = subscriptionScope(sub);

  if (lower.length === 1 && lower[0] === 'resources') {
    listResources(ctx, caller, sub, subScope);
    return;
  }
  if (isSubscriptionSetting(rest)) {
    handleSubscriptionSetting(ctx, caller, sub, rest);
    return;
  }
  if (lower[0] === 'providers' && rest.length === 3) {
    const type = `${rest[1]}/${rest[2]}`;
    const action = `${type}/read`;
    if (!canPerform(sub, caller.claims.oid, action, subScope)) {
      authorizationFailed(ctx, caller, action, subScope);
      return;
    }
    const t = type.toLowerCase();
    sendList(
      ctx,
      sub.resources.filter((r) => r.type.toLowerCase() === t),
      armResourceJson,
    );
    return;
  }
  if (lower[0] !== 'resourcegroups') {
    noRoute(ctx);
    return;
  }

  const groups = resourceGroups(sub);
  if (lower.length === 1) {
    const action = 'Microsoft.Resources/subscriptions/resourceGroups/read';
    if (!canPerform(sub, caller.claims.oid, action, subScope)) {
      authorizationFailed(ctx, caller, action, subScope);
      return;
    }
    sendJsonPage(
      ctx,
      [...groups.values()].map((g) => resourceGroupJson(sub, g)),
    );
    return;
  }
  const rgName = rest[1] as string;
  const rgScope = `${subScope}/resourceGroups/${rgName}`;
  const group = groups.get(rgName.toLowerCase());
  if (lower.length === 2) {
    const action = 'Microsoft.Resources/subscriptions/resourceGroups/read';
    if (!canPerform(sub, caller.claims.oid, action, rgScope)) {
      authorizationFailed(ctx, caller, action, rgScope);
      return;
    }
    if (!group) {
      resourceGroupNotFound(ctx, rgName);
      return;
    }
    sendJson(ctx, 200, resourceGroupJson(sub, group));
    return;
  }
  if (lower.length === 3 && lower[2] === 'resources') {
    if (!group) {
      resourceGroupNotFound(ctx, rgName);
      return;
    }
    listResources(ctx, caller, sub, rgScope, group.name);
    return;
  }
  if (lower[2] === 'providers' && rest.length >= 5) {
    providerPath(ctx, caller, sub, rest, group, rgName);
    return;
  }
  noRoute(ctx);
}

function sendJsonPage(ctx: Ctx, values: unknown[]): void {
  const body = armPage(ctx, values, (v) => v);
  if (body) sendJson(ctx, 200, body);
}

function resourceGroupNotFound(ctx: Ctx, rg: string): void {
  armError(ctx, 404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`);
}

/**
 * `/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{type}/{name}…][/{type}]`: one resource, a
 * collection of resources, or a sub-resource of the nearest resource above the path.
 */
function providerPath(
  ctx: Ctx,
  caller: ArmCaller,
  sub: Subscription,
  rest: string[],
  group: ResourceGroupInfo | undefined,
  rgName: string,
): void {
  const ns = rest[3] as string;
  const tail = rest.slice(4);
  const typeParts = [ns, ...tail.filter((_, i) => i % 2 === 0)];
  const type = typeParts.join('/');
  const action = `${type}/read`;
  const path = ctx.path;
  if (!canPerform(sub, caller.claims.oid, action, path)) {
    authorizationFailed(ctx, caller, action, path);
    return;
  }
  if (!group) {
    resourceGroupNotFound(ctx, rgName);
    return;
  }
  const base = `${subscriptionScope(sub)}/resourceGroups/${rgName}/providers/${ns}`;

  if (tail.length % 2 === 0) {
    const r = findResource(sub, path);
    if (r) {
      sendJson(ctx, 200, armResourceJson(r));
      return;
    }
  }
  // The nearest resource above the path: what follows it is a sub-resource path.
  for (let k = tail.length - (tail.length % 2 === 0 ? 2 : 1); k >= 2; k -= 2) {
    const parent = findResource(sub, `${base}/${tail.slice(0, k).join('/')}`);
    if (!parent) continue;
    const segs = tail.slice(k);
    const known = knownChild(parent.type, segs[0] as string);
    const nested = `${parent.id}/${segs[0]}`;
    if (known?.kind === 'resources' || (!known && resourcesBelow(sub, nested).length > 0)) {
      if (segs.length === 1) {
        listNested(ctx, sub, path);
        return;
      }
      break;
    }
    serveChild(ctx, parent, segs);
    return;
  }

  if (tail.length % 2 === 0) {
    const name = tail.filter((_, i) => i % 2 === 1).join('/');
    const parentMissing = tail.length > 2 && !findResource(sub, `${base}/${tail.slice(0, 2).join('/')}`);
    if (parentMissing) {
      armError(
        ctx,
        404,
        'ParentResourceNotFound',
        `Can not perform requested operation on nested resource. Parent resource '${tail[1]}' not found.`,
      );
      return;
    }
    armError(
      ctx,
      404,
      'ResourceNotFound',
      `The Resource '${type}/${name}' under resource group '${rgName}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );
    return;
  }
  if (tail.length > 1) {
    const parentId = path.slice(0, path.lastIndexOf('/'));
    armError(
      ctx,
      404,
      'ParentResourceNotFound',
      `Can not perform requested operation on nested resource. Parent resource '${parentId.split('/').pop()}' not found.`,
    );
    return;
  }
  listNested(ctx, sub, path);
}

/** The resources directly below a collection path, as a list page. */
function listNested(ctx: Ctx, sub: Subscription, path: string): void {
  sendList(ctx, resourcesBelow(sub, path), armResourceJson);
}
