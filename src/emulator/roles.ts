/** Role definitions known to the emulator, and Azure RBAC action matching. */

import {
  assignmentScope,
  type RoleAssignmentFixture,
  type RoleDefinitionFixture,
  type Subscription,
  scopeCovers,
} from './world';

export type { RoleDefinitionFixture } from './world';

export const BUILTIN_ROLES = {
  reader: {
    id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
    type: 'BuiltInRole',
    description: 'View all resources, but does not allow you to make any changes.',
    actions: ['*/read'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  contributor: {
    id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    roleName: 'Contributor',
    type: 'BuiltInRole',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write',
      'Microsoft.Blueprint/blueprintAssignments/delete',
      'Microsoft.Compute/galleries/share/action',
    ],
    dataActions: [],
    notDataActions: [],
  },
  owner: {
    id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    roleName: 'Owner',
    type: 'BuiltInRole',
    description:
      'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  /** A custom role that can write tags but read nothing: signs in, sees the subscription, cannot inventory. */
  tagWriter: {
    id: '6f2c4b1e-93a7-4d58-b0e2-7c1d5a9e3f40',
    roleName: 'Tag Writer (custom)',
    type: 'CustomRole',
    description: 'Can write tags on any resource. Grants no read access.',
    actions: ['Microsoft.Resources/tags/write'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
  },
  /** Data-plane only (like Storage Blob Data Reader): no control-plane action at all. */
  storageBlobDataReader: {
    id: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    roleName: 'Storage Blob Data Reader',
    type: 'BuiltInRole',
    description: 'Allows for read access to Azure Storage blob containers and data',
    actions: [],
    notActions: [],
    dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
    notDataActions: [],
  },
} as const satisfies Record<string, RoleDefinitionFixture>;

const ALL_ROLES: readonly RoleDefinitionFixture[] = Object.values(BUILTIN_ROLES);

/**
 * A role by bare GUID or by full `/…/roleDefinitions/{guid}` id: the emulator's global roles, then the
 * subscription's custom roles.
 */
export function findRole(idOrPath: string, sub?: Subscription): RoleDefinitionFixture | undefined {
  const guid = idOrPath.split('/').pop()?.toLowerCase() ?? '';
  return ALL_ROLES.find((r) => r.id === guid) ?? sub?.customRoles?.find((r) => r.id.toLowerCase() === guid);
}

/** The global roles, plus the subscription's custom roles when given. */
export function allRoles(sub?: Subscription): readonly RoleDefinitionFixture[] {
  return sub?.customRoles?.length ? [...ALL_ROLES, ...sub.customRoles] : ALL_ROLES;
}

const patternCache = new Map<string, RegExp>();

function actionPattern(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 'i');
    patternCache.set(pattern, re);
  }
  return re;
}

/** Whether a role grants a control-plane action (wildcards in actions, minus notActions). */
export function roleAllows(role: RoleDefinitionFixture, action: string): boolean {
  return (
    role.actions.some((p) => actionPattern(p).test(action)) &&
    !role.notActions.some((p) => actionPattern(p).test(action))
  );
}

/** The principal's assignments in a subscription (any scope within it). */
export function assignmentsOf(sub: Subscription, principalId: string): RoleAssignmentFixture[] {
  const oid = principalId.toLowerCase();
  return sub.roleAssignments.filter((ra) => ra.principalId.toLowerCase() === oid);
}

/** Whether the principal may perform `action` at `scope` through an assignment at or above it. */
export function canPerform(sub: Subscription, principalId: string, action: string, scope: string): boolean {
  return assignmentsOf(sub, principalId).some((ra) => {
    if (!scopeCovers(assignmentScope(sub, ra), scope)) return false;
    const role = findRole(ra.roleDefinitionId, sub);
    return role !== undefined && roleAllows(role, action);
  });
}
