/**
 * The emulator's fixtures: plain data. Tests mutate a World in place (add an app, revoke a role,
 * expire a secret) and the emulator answers from the live objects on the next request.
 */

export interface World {
  tenants: Tenant[];
  apps: App[];
  subscriptions: Subscription[];
}

export interface Tenant {
  /** Directory (tenant) id, a GUID. */
  id: string;
  /** Verified domains, e.g. `contoso.onmicrosoft.com`; each one resolves to this tenant. */
  domains: string[];
  displayName: string;
}

export interface App {
  tenantId: string;
  /** Application (client) id. */
  appId: string;
  /** Object id of the app's service principal: the `oid` claim of its tokens. */
  principalId: string;
  displayName: string;
  /** Microsoft Graph application permission `Application.Read.All` granted (admin consented). */
  graphReadAll: boolean;
  secrets: AppSecret[];
}

export interface AppSecret {
  keyId: string;
  /** The secret's value, e.g. `Abc8Q~` + 34 characters. Graph's `hint` is its first 3 characters. */
  value: string;
  displayName: string;
  /** ISO date-time. */
  endDateTime: string;
  /** ISO date-time; defaults to one year before `endDateTime`. */
  startDateTime?: string;
}

export interface Subscription {
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  state: 'Enabled' | 'Disabled' | 'Warned';
  roleAssignments: RoleAssignmentFixture[];
  /** What resources.list and Resource Graph return (sub-resources live under each resource's `children`). */
  resources: EmulatedResource[];
  /**
   * Defender for Cloud plans, `GET …/providers/Microsoft.Security/pricings`: `{ name: 'VirtualMachines',
   * properties: { pricingTier: 'Standard', … } }`. Absent: every plan on Free, as in a subscription
   * that never turned Defender on.
   */
  pricings?: SubscriptionItem[];
  /** `GET …/providers/Microsoft.Security/securityContacts` (2023-12-01-preview shape); absent: none. */
  securityContacts?: SubscriptionItem[];
  /** Activity-log export, `GET …/providers/Microsoft.Insights/diagnosticSettings`; absent: none. */
  diagnosticSettings?: SubscriptionItem[];
  /** Custom role definitions assignable in this subscription (besides the emulator's global roles). */
  customRoles?: RoleDefinitionFixture[];
}

/**
 * A subscription-level item (pricing, security contact, diagnostic setting) or a sub-resource, as plain
 * data: `name` and `properties` as ARM returns them. The emulator fills in `id` and `type` from where
 * it is served unless the fixture gives them.
 */
export interface ArmItem {
  name?: string;
  id?: string;
  type?: string;
  properties?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface SubscriptionItem extends ArmItem {
  name: string;
  properties: Record<string, unknown>;
}

/**
 * A resource's sub-resources, keyed by their path relative to the resource id, as ARM spells it:
 * a collection maps to an array (`firewallRules`, `administrators`, `configurations`, `keys`), a
 * singleton to one object (`auditingSettings/default`, `transparentDataEncryption/current`,
 * `config/web`, `blobServices/default`). `null` marks a known sub-resource that does not exist (404).
 * Keys are matched case-insensitively; list entries need a `name`.
 */
export type ResourceChildren = Record<string, ArmItem | ArmItem[] | null>;

/** A role definition (built-in or custom); `id` is the bare GUID. */
export interface RoleDefinitionFixture {
  /** Bare GUID. */
  id: string;
  roleName: string;
  type: 'BuiltInRole' | 'CustomRole';
  description: string;
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
  /** Defaults: `['/']` for built-in roles, the subscription for custom ones. */
  assignableScopes?: string[];
}

export interface RoleAssignmentFixture {
  principalId: string;
  /** Bare GUID of a role in BUILTIN_ROLES. */
  roleDefinitionId: string;
  /** Defaults to the subscription, `/subscriptions/{id}`. */
  scope?: string;
}

export interface EmulatedResource {
  id: string;
  name: string;
  type: string;
  location: string;
  tags?: Record<string, string>;
  sku?: unknown;
  kind?: string;
  identity?: unknown;
  properties: Record<string, unknown>;
  /**
   * Sub-resources served below the resource's id (never listed by resources.list or Resource Graph);
   * see ResourceChildren. Stripped from every answer that returns the resource itself.
   */
  children?: ResourceChildren;
}

const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** A tenant by GUID or by one of its domains (case-insensitive). */
export function findTenant(world: World, idOrDomain: string): Tenant | undefined {
  return world.tenants.find((t) => eq(t.id, idOrDomain) || t.domains.some((d) => eq(d, idOrDomain)));
}

export function findApp(world: World, tenantId: string, appId: string): App | undefined {
  return world.apps.find((a) => eq(a.tenantId, tenantId) && eq(a.appId, appId));
}

export function findSubscription(world: World, subscriptionId: string): Subscription | undefined {
  return world.subscriptions.find((s) => eq(s.subscriptionId, subscriptionId));
}

export function subscriptionScope(sub: Subscription): string {
  return `/subscriptions/${sub.subscriptionId}`;
}

/** The scope of an assignment, defaulting to its subscription. */
export function assignmentScope(sub: Subscription, ra: RoleAssignmentFixture): string {
  return ra.scope ?? subscriptionScope(sub);
}

/** True when `ancestor` is `scope` itself or one of its parents (ARM scopes are case-insensitive). */
export function scopeCovers(ancestor: string, scope: string): boolean {
  const a = ancestor.toLowerCase().replace(/\/+$/, '');
  const s = scope.toLowerCase().replace(/\/+$/, '');
  return a === '' || s === a || s.startsWith(`${a}/`);
}
