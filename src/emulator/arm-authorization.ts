/** Microsoft.Authorization: role assignments and role definitions at any scope (`//subscriptions/…` included). */

import { createHash } from 'node:crypto';
import { type ArmCaller, authorizationFailed, noRoute } from './arm-common';
import { armError, type Ctx, sendJson } from './http';
import { armPage } from './paging';
import { allRoles, canPerform, findRole, type RoleDefinitionFixture } from './roles';
import {
  assignmentScope,
  type RoleAssignmentFixture,
  type Subscription,
  scopeCovers,
  subscriptionScope,
} from './world';

const FIXED_DATE = '2024-03-01T10:00:00.0000000Z';

/** A stable GUID for a fixture, so an assignment keeps its name across requests and runs. */
function stableGuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function definitionId(sub: Subscription | undefined, guid: string): string {
  const prefix = sub ? subscriptionScope(sub) : '';
  return `${prefix}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

export function roleAssignmentJson(sub: Subscription, ra: RoleAssignmentFixture) {
  const scope = assignmentScope(sub, ra);
  const name = stableGuid(
    `${sub.subscriptionId}|${ra.principalId}|${ra.roleDefinitionId}|${scope}`.toLowerCase(),
  );
  return {
    properties: {
      roleDefinitionId: definitionId(sub, ra.roleDefinitionId),
      principalId: ra.principalId,
      principalType: 'ServicePrincipal',
      scope,
      condition: null,
      conditionVersion: null,
      createdOn: FIXED_DATE,
      updatedOn: FIXED_DATE,
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
      description: null,
    },
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    type: 'Microsoft.Authorization/roleAssignments',
    name,
  };
}

export function roleDefinitionJson(sub: Subscription | undefined, role: RoleDefinitionFixture) {
  return {
    id: definitionId(sub, role.id),
    properties: {
      roleName: role.roleName,
      type: role.type,
      description: role.description,
      assignableScopes:
        role.assignableScopes ?? (role.type === 'CustomRole' && sub ? [subscriptionScope(sub)] : ['/']),
      permissions: [
        {
          actions: role.actions,
          notActions: role.notActions,
          dataActions: role.dataActions,
          notDataActions: role.notDataActions,
        },
      ],
      createdOn: '2015-02-02T21:55:09.8806423Z',
      updatedOn: FIXED_DATE,
      createdBy: null,
      updatedBy: null,
    },
    type: 'Microsoft.Authorization/roleDefinitions',
    name: role.id,
  };
}

interface AssignmentFilter {
  atScope: boolean;
  principalId?: string;
}

/** `atScope()`, `assignedTo('{id}')`, `principalId eq '{id}'`, joined by `and`; undefined when unsupported. */
function parseAssignmentFilter(raw: string | undefined): AssignmentFilter | undefined {
  const f: AssignmentFilter = { atScope: false };
  if (raw === undefined || raw.trim() === '') return f;
  for (const part of raw.split(/\s+and\s+/i)) {
    const p = part.trim();
    const who = /^assignedTo\('([^']+)'\)$/i.exec(p) ?? /^principalId\s+eq\s+'([^']+)'$/i.exec(p);
    if (/^atScope\(\)$/i.test(p)) f.atScope = true;
    else if (who?.[1]) f.principalId = who[1].toLowerCase();
    else return undefined;
  }
  return f;
}

/** Handles `{scope}/providers/Microsoft.Authorization/…`; `sub` is the subscription the scope is in, if any. */
export function handleAuthorization(ctx: Ctx, caller: ArmCaller, sub: Subscription | undefined): void {
  if (ctx.method !== 'GET') {
    noRoute(ctx);
    return;
  }
  const segs = ctx.segments;
  const i = segs.findIndex(
    (s, k) => s.toLowerCase() === 'providers' && segs[k + 1]?.toLowerCase() === 'microsoft.authorization',
  );
  const scope = i > 0 ? `/${segs.slice(0, i).join('/')}` : '/';
  const [kind, id, ...extra] = segs.slice(i + 2).map((s, k) => (k === 0 ? s.toLowerCase() : s));
  if (extra.length > 0) {
    noRoute(ctx);
    return;
  }
  if (kind === 'roleassignments') {
    roleAssignments(ctx, caller, sub, scope, id);
    return;
  }
  if (kind === 'roledefinitions') {
    roleDefinitions(ctx, sub, id);
    return;
  }
  noRoute(ctx);
}

function roleAssignments(
  ctx: Ctx,
  caller: ArmCaller,
  sub: Subscription | undefined,
  scope: string,
  name?: string,
): void {
  const filter = parseAssignmentFilter(ctx.query.get('$filter'));
  if (!filter) {
    armError(
      ctx,
      400,
      'UnsupportedQuery',
      "The filter is not supported. Supported filters are either 'atScope()' or 'principalId eq '{value}' or assignedTo('{value}')'.",
    );
    return;
  }
  const self = filter.principalId === caller.claims.oid.toLowerCase();
  const action = 'Microsoft.Authorization/roleAssignments/read';
  if (!self && !(sub && canPerform(sub, caller.claims.oid, action, scope))) {
    authorizationFailed(ctx, caller, action, scope);
    return;
  }
  const all = sub ? sub.roleAssignments.map((ra) => ({ ra, scope: assignmentScope(sub, ra) })) : [];
  if (name !== undefined) {
    const found = sub && all.find((a) => roleAssignmentJson(sub, a.ra).name === name.toLowerCase());
    if (!found || !sub) {
      armError(ctx, 404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
      return;
    }
    sendJson(ctx, 200, roleAssignmentJson(sub, found.ra));
    return;
  }
  const picked = all.filter(
    (a) =>
      (scopeCovers(a.scope, scope) || (!filter.atScope && scopeCovers(scope, a.scope))) &&
      (!filter.principalId || a.ra.principalId.toLowerCase() === filter.principalId),
  );
  const body = armPage(ctx, picked, (a) => roleAssignmentJson(sub as Subscription, a.ra));
  if (body) sendJson(ctx, 200, body);
}

/** Role definitions: the global roles and, in a subscription, its custom roles (`type eq 'CustomRole'` lists those). */
function roleDefinitions(ctx: Ctx, sub: Subscription | undefined, id?: string): void {
  if (id !== undefined) {
    const role = findRole(id, sub);
    if (!role) {
      armError(
        ctx,
        404,
        'RoleDefinitionDoesNotExist',
        `The specified role definition with ID '${id}' does not exist.`,
      );
      return;
    }
    sendJson(ctx, 200, roleDefinitionJson(sub, role));
    return;
  }
  const raw = ctx.query.get('$filter');
  const byName = raw ? /^roleName\s+eq\s+'([^']*)'$/i.exec(raw.trim()) : null;
  const byType = raw ? /^type\s+eq\s+'([^']*)'$/i.exec(raw.trim()) : null;
  if (raw && !byName && !byType) {
    armError(
      ctx,
      400,
      'UnsupportedQuery',
      "The emulator supports only roleName eq '{name}' and type eq '{type}' filters.",
    );
    return;
  }
  const roles = allRoles(sub).filter(
    (r) =>
      (!byName || r.roleName.toLowerCase() === byName[1]?.toLowerCase()) &&
      (!byType || r.type.toLowerCase() === byType[1]?.toLowerCase()),
  );
  sendJson(ctx, 200, { value: roles.map((r) => roleDefinitionJson(sub, r)) });
}
