import type { ErrorContext } from '../core/error-catalogue';
import { stageError } from '../core/error-catalogue';
import { StageFailure } from '../core/errors';
import { type CallPolicy, deadlineSignal, withDeadline } from './call-policy';
import { classifyArmError } from './classify-error';
import type { AzureClients } from './clients';

export interface RoleFacts {
  roles: string[];
  /** Roles that can write (Owner, Contributor, or any `*` action). */
  writeRoles: string[];
}

interface Permission {
  actions?: string[];
  notActions?: string[];
}

/** Does this set of permissions grant reading every resource type? */
export function grantsRead(permissions: Permission[]): boolean {
  return permissions.some(
    (p) =>
      (p.actions ?? []).some((a) => a === '*' || a === '*/read') &&
      !(p.notActions ?? []).some((n) => n === '*/read' || n === '*'),
  );
}

function grantsWrite(permissions: Permission[]): boolean {
  return permissions.some((p) => (p.actions ?? []).includes('*'));
}

/** Is an assignment at `assignmentScope` inherited by the whole subscription? */
export function coversSubscription(assignmentScope: string, subscriptionScope: string): boolean {
  const s = assignmentScope.toLowerCase().replace(/\/+$/, '');
  return s === '' || s === subscriptionScope.toLowerCase() || !s.startsWith('/subscriptions/');
}

/** Stage 3: the principal's role assignments at the subscription scope and what they allow. */
export async function checkRole(
  clients: AzureClients,
  principalId: string,
  ctx: ErrorContext,
  policy: CallPolicy,
  signal?: AbortSignal,
): Promise<RoleFacts> {
  const ms = policy.stageDeadlineMs;
  const deadline = deadlineSignal(ms, signal);
  const auth = clients.authorization();
  const scope = `/subscriptions/${clients.creds.subscriptionId}`;
  let readable = false;
  const roles: string[] = [];
  const writeRoles: string[] = [];
  try {
    await withDeadline(deadline, ms, async () => {
      const definitionIds = new Set<string>();
      for await (const a of auth.roleAssignments.listForScope(scope, {
        filter: `assignedTo('${principalId}')`,
        abortSignal: deadline,
      })) {
        if (a.principalId && a.principalId !== principalId) continue;
        // assignedTo() also returns assignments below the subscription (a resource group, a
        // resource): only those at the subscription or above grant reading all of it.
        if (a.scope && !coversSubscription(a.scope, scope)) continue;
        if (a.roleDefinitionId) definitionIds.add(a.roleDefinitionId);
      }
      for (const id of definitionIds) {
        const def = await auth.roleDefinitions.getById(id, { abortSignal: deadline });
        const name = def.roleName ?? id.split('/').pop() ?? id;
        const perms = def.permissions ?? [];
        roles.push(name);
        if (grantsRead(perms)) readable = true;
        if (grantsWrite(perms)) writeRoles.push(name);
      }
    });
  } catch (e) {
    throw new StageFailure(classifyArmError(e, 'role', ctx, ms));
  }
  roles.sort();
  if (!readable) throw new StageFailure(stageError('role', 'missing_reader', { ...ctx, roles }));
  return { roles, writeRoles: writeRoles.sort() };
}
