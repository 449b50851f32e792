/**
 * Subscription-level settings a posture scan reads: Defender for Cloud plans
 * (`Microsoft.Security/pricings`), security contacts (`Microsoft.Security/securityContacts`) and the
 * activity-log diagnostic settings (`Microsoft.Insights/diagnosticSettings`).
 */

import { type ArmCaller, authorizationFailed } from './arm-common';
import { DEFENDER_PLANS, freePricing } from './azure-defaults';
import { armError, type Ctx, sendJson } from './http';
import { canPerform } from './roles';
import { type Subscription, type SubscriptionItem, subscriptionScope } from './world';

interface Setting {
  /** Canonical provider namespace and collection, as ARM writes them in ids. */
  idNamespace: string;
  collection: string;
  type: string;
  action: string;
  items(sub: Subscription): SubscriptionItem[];
  /** Shapes an item for the request's api-version (security contacts changed shape twice). */
  shape?(item: SubscriptionItem, apiVersion: string): SubscriptionItem;
}

/** 2023-12-01-preview shape → 2020-01-01-preview or 2017-08-01-preview, by the request's api-version. */
function shapeContact(item: SubscriptionItem, apiVersion: string): SubscriptionItem {
  const p = item.properties;
  if (apiVersion >= '2023-' || !('notificationsSources' in p || 'isEnabled' in p)) return item;
  const sources = Array.isArray(p['notificationsSources']) ? (p['notificationsSources'] as unknown[]) : [];
  const alert = sources.find(
    (s) => typeof s === 'object' && s !== null && (s as Record<string, unknown>)['sourceType'] === 'Alert',
  ) as Record<string, unknown> | undefined;
  const on = p['isEnabled'] !== false && alert !== undefined;
  const byRole = (p['notificationsByRole'] ?? { state: 'Off', roles: [] }) as Record<string, unknown>;
  if (apiVersion >= '2020-') {
    return {
      ...item,
      properties: {
        emails: p['emails'] ?? '',
        phone: p['phone'] ?? '',
        alertNotifications: on
          ? { state: 'On', minimalSeverity: alert?.['minimalSeverity'] ?? 'High' }
          : { state: 'Off' },
        notificationsByRole: byRole,
      },
    };
  }
  return {
    ...item,
    properties: {
      email: String(p['emails'] ?? '').split(';')[0] ?? '',
      phone: p['phone'] ?? '',
      alertNotifications: on ? 'On' : 'Off',
      alertsToAdmins: byRole['state'] === 'On' ? 'On' : 'Off',
    },
  };
}

const SETTINGS: Record<string, Setting> = {
  'microsoft.security/pricings': {
    idNamespace: 'Microsoft.Security',
    collection: 'pricings',
    type: 'Microsoft.Security/pricings',
    action: 'Microsoft.Security/pricings/read',
    items: (sub) => sub.pricings ?? DEFENDER_PLANS.map((p) => freePricing(p.name)),
  },
  'microsoft.security/securitycontacts': {
    idNamespace: 'Microsoft.Security',
    collection: 'securityContacts',
    type: 'Microsoft.Security/securityContacts',
    action: 'Microsoft.Security/securityContacts/read',
    items: (sub) => sub.securityContacts ?? [],
    shape: shapeContact,
  },
  'microsoft.insights/diagnosticsettings': {
    // ARM writes this one's namespace in lower case in ids.
    idNamespace: 'microsoft.insights',
    collection: 'diagnosticSettings',
    type: 'Microsoft.Insights/diagnosticSettings',
    action: 'Microsoft.Insights/diagnosticSettings/read',
    items: (sub) => sub.diagnosticSettings ?? [],
  },
};

/** True when `rest` (after `/subscriptions/{id}`) is one of the settings collections or items. */
export function isSubscriptionSetting(rest: readonly string[]): boolean {
  if (rest.length !== 3 && rest.length !== 4) return false;
  if (rest[0]?.toLowerCase() !== 'providers') return false;
  return `${rest[1]}/${rest[2]}`.toLowerCase() in SETTINGS;
}

function json(sub: Subscription, s: Setting, item: SubscriptionItem, apiVersion: string): unknown {
  const { name, ...rest } = s.shape ? s.shape(item, apiVersion) : item;
  return {
    id: `${subscriptionScope(sub)}/providers/${s.idNamespace}/${s.collection}/${name}`,
    name,
    type: s.type,
    ...rest,
  };
}

/** `GET /subscriptions/{id}/providers/{ns}/{collection}[/{name}]` for the settings above. */
export function handleSubscriptionSetting(
  ctx: Ctx,
  caller: ArmCaller,
  sub: Subscription,
  rest: readonly string[],
): void {
  const s = SETTINGS[`${rest[1]}/${rest[2]}`.toLowerCase()] as Setting;
  const scope = subscriptionScope(sub);
  if (!canPerform(sub, caller.claims.oid, s.action, scope)) {
    authorizationFailed(ctx, caller, s.action, scope);
    return;
  }
  const apiVersion = ctx.query.get('api-version') ?? '';
  const items = s.items(sub);
  const name = rest[3];
  if (name === undefined) {
    sendJson(ctx, 200, { value: items.map((i) => json(sub, s, i, apiVersion)) });
    return;
  }
  const item = items.find((i) => i.name.toLowerCase() === name.toLowerCase());
  if (!item) {
    armError(
      ctx,
      404,
      'ResourceNotFound',
      `The Resource '${s.type}/${name}' under subscription '${sub.subscriptionId}' was not found.`,
    );
    return;
  }
  sendJson(ctx, 200, json(sub, s, item, apiVersion));
}
