/** What the ARM handlers share: the caller, the standard 403/404 answers, and access checks. */

import { armError, type Ctx } from './http';
import type { AccessTokenClaims } from './jwt';
import { assignmentsOf, canPerform } from './roles';
import { type Subscription, subscriptionScope } from './world';

/** The authenticated caller of an ARM request. */
export interface ArmCaller {
  claims: AccessTokenClaims;
  appId: string;
}

export function noRoute(ctx: Ctx): void {
  armError(ctx, 404, 'NotFound', `The Azure emulator has no route for ${ctx.method} '${ctx.path}'.`);
}

export function authorizationFailed(ctx: Ctx, caller: ArmCaller, action: string, scope: string): void {
  armError(
    ctx,
    403,
    'AuthorizationFailed',
    `The client '${caller.appId}' with object id '${caller.claims.oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

/** Subscriptions of the token's tenant on which the caller holds any role. */
export function visibleSubscriptions(ctx: Ctx, caller: ArmCaller): Subscription[] {
  const tid = caller.claims.tid.toLowerCase();
  return ctx.state.world.subscriptions.filter(
    (s) => s.tenantId.toLowerCase() === tid && assignmentsOf(s, caller.claims.oid).length > 0,
  );
}

/** Whether the caller may read resources of this subscription (needed by list endpoints and Resource Graph). */
export function canReadResources(sub: Subscription, caller: ArmCaller, action: string): boolean {
  return canPerform(sub, caller.claims.oid, action, subscriptionScope(sub));
}
