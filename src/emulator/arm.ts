/** Azure Resource Manager: routing, subscription access checks, throttling and the subscriptions API. */

import { authenticateArm, callerAppId } from './access';
import { handleAuthorization } from './arm-authorization';
import { type ArmCaller, authorizationFailed, noRoute, visibleSubscriptions } from './arm-common';
import { handleSubscriptionResources } from './arm-resources';
import { armError, armHeaders, type Ctx, sendJson } from './http';
import { handleResourceGraph } from './resource-graph';
import { assignmentsOf } from './roles';
import { findSubscription, findTenant, type Subscription, subscriptionScope } from './world';

export async function handleArm(ctx: Ctx): Promise<void> {
  armHeaders(ctx);
  if (!ctx.query.get('api-version')) {
    armError(
      ctx,
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
    return;
  }
  const claims = authenticateArm(ctx);
  if (!claims) return;
  const caller: ArmCaller = { claims, appId: callerAppId(ctx, claims) };
  const segs = ctx.segments.map((s) => s.toLowerCase());

  if (segs[0] === 'subscriptions' && segs.length >= 2) {
    await handleSubscriptionScoped(ctx, caller, ctx.segments[1] as string);
    return;
  }
  if (ctx.method === 'GET' && segs.length === 1 && segs[0] === 'subscriptions')
    return listSubscriptions(ctx, caller);
  if (ctx.method === 'GET' && segs.length === 1 && segs[0] === 'tenants') return listTenants(ctx, caller);
  if (
    segs[0] === 'providers' &&
    segs[1] === 'microsoft.resourcegraph' &&
    segs[2] === 'resources' &&
    segs.length === 3
  ) {
    await handleResourceGraph(ctx, caller);
    return;
  }
  if (segs[0] === 'providers' && segs[1] === 'microsoft.authorization') {
    handleAuthorization(ctx, caller, undefined);
    return;
  }
  noRoute(ctx);
}

async function handleSubscriptionScoped(ctx: Ctx, caller: ArmCaller, subscriptionId: string): Promise<void> {
  const sub = findSubscription(ctx.state.world, subscriptionId);
  if (!sub) {
    armError(ctx, 404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
    return;
  }
  const tid = caller.claims.tid;
  if (sub.tenantId.toLowerCase() !== tid.toLowerCase()) {
    armError(
      ctx,
      401,
      'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer 'https://sts.windows.net/${tid}/'. It must match the tenant 'https://sts.windows.net/${sub.tenantId}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${sub.tenantId}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
    );
    return;
  }
  if (ctx.method === 'GET' && !spendRead(ctx, sub, caller)) return;

  const rest = ctx.segments.slice(2);
  if (rest.length === 0) {
    if (ctx.method !== 'GET') return noRoute(ctx);
    if (assignmentsOf(sub, caller.claims.oid).length === 0) {
      return authorizationFailed(
        ctx,
        caller,
        'Microsoft.Resources/subscriptions/read',
        subscriptionScope(sub),
      );
    }
    sendJson(ctx, 200, subscriptionJson(sub));
    return;
  }
  const authz = rest.findIndex(
    (s, i) => s.toLowerCase() === 'providers' && rest[i + 1]?.toLowerCase() === 'microsoft.authorization',
  );
  if (authz >= 0) {
    handleAuthorization(ctx, caller, sub);
    return;
  }
  handleSubscriptionResources(ctx, caller, sub, rest);
}

/** Spend one read from the (subscription, principal) bucket; answers 429 and returns false when empty. */
function spendRead(ctx: Ctx, sub: Subscription, caller: ArmCaller): boolean {
  const throttle = ctx.state.throttle;
  if (!throttle) {
    ctx.headers['x-ms-ratelimit-remaining-subscription-reads'] = '11999';
    return true;
  }
  const r = throttle.take(sub.subscriptionId, caller.claims.oid);
  if (r.ok) {
    ctx.headers['x-ms-ratelimit-remaining-subscription-reads'] = String(r.remaining);
    return true;
  }
  ctx.headers['x-ms-ratelimit-remaining-subscription-reads'] = '0';
  armError(
    ctx,
    429,
    'TooManyRequests',
    'The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, refer to - https://aka.ms/srpthrottlinglimits',
    { 'retry-after': String(r.retryAfterSec) },
  );
  return false;
}

export function subscriptionJson(sub: Subscription) {
  return {
    id: subscriptionScope(sub),
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: sub.subscriptionId,
    tenantId: sub.tenantId,
    displayName: sub.displayName,
    state: sub.state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

function listSubscriptions(ctx: Ctx, caller: ArmCaller): void {
  const subs = visibleSubscriptions(ctx, caller);
  sendJson(ctx, 200, { value: subs.map(subscriptionJson), count: { type: 'Total', value: subs.length } });
}

function listTenants(ctx: Ctx, caller: ArmCaller): void {
  const t = findTenant(ctx.state.world, caller.claims.tid);
  const value = t
    ? [
        {
          id: `/tenants/${t.id}`,
          tenantId: t.id,
          tenantCategory: 'Home',
          displayName: t.displayName,
          domains: t.domains,
          defaultDomain: t.domains[0],
          tenantType: 'AAD',
        },
      ]
    : [];
  sendJson(ctx, 200, { value });
}
