/**
 * Runs the rule pack (src/checks) over emulator fixtures the way a sync hands resources to it: ARM
 * envelope and properties, sub-resources under `children` by ChildKind, Defender plans and custom
 * roles as resources, and the subscription facts. For checking that fixtures and rules agree.
 */

import { RULES } from '../../src/checks';
import type { ChildKind, ResourceModel, Severity, SubscriptionFacts } from '../../src/core/posture/rule';
import type { EmulatedResource, Subscription } from '../../src/emulator';

/** Sub-resource paths (lower case) → the ChildKind the rules read them under. */
const KIND: Record<string, ChildKind> = {
  firewallrules: 'firewallRules',
  'auditingsettings/default': 'auditingSettings',
  administrators: 'administrators',
  'transparentdataencryption/current': 'transparentDataEncryption',
  configurations: 'configurations',
  'config/web': 'webConfig',
  'blobservices/default': 'blobService',
  keys: 'keys',
};

export function toModel(r: EmulatedResource): ResourceModel {
  const children: Partial<Record<ChildKind, unknown>> = {};
  for (const [path, value] of Object.entries(r.children ?? {})) {
    const kind = KIND[path.toLowerCase()];
    if (kind) children[kind] = value;
  }
  const model: ResourceModel = {
    id: r.id,
    name: r.name.slice(r.name.lastIndexOf('/') + 1),
    type: r.type,
    location: r.location,
    resourceGroup: r.id.split('/')[4] ?? '',
    properties: r.properties,
    children,
  };
  if (r.kind) model.kind = r.kind;
  if (r.sku) model.sku = r.sku as NonNullable<ResourceModel['sku']>;
  if (r.identity) model.identity = r.identity as NonNullable<ResourceModel['identity']>;
  if (r.tags) model.tags = r.tags;
  return model;
}

export interface Finding {
  rule: string;
  severity: Severity;
  /** Resource name (last segment), or `subscription`. */
  resource: string;
  id: string;
  reason: string;
}

/** Every failing (rule, resource) of the subscription. */
export function evaluate(sub: Subscription): Finding[] {
  const scope = `/subscriptions/${sub.subscriptionId}`;
  const models = sub.resources.map(toModel);
  for (const p of sub.pricings ?? [])
    models.push({
      id: `${scope}/providers/Microsoft.Security/pricings/${p.name}`,
      name: p.name,
      type: 'Microsoft.Security/pricings',
      properties: p.properties,
    });
  for (const role of sub.customRoles ?? [])
    models.push({
      id: `${scope}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
      name: role.id,
      type: 'Microsoft.Authorization/roleDefinitions',
      properties: {
        roleName: role.roleName,
        type: role.type,
        permissions: [{ actions: role.actions, notActions: role.notActions }],
        assignableScopes: role.assignableScopes ?? [scope],
      },
    });
  const item = (type: string) => (d: { name: string; properties: Record<string, unknown> }) => ({
    id: `${scope}/providers/${type}/${d.name}`,
    name: d.name,
    type,
    properties: d.properties,
  });
  const facts: SubscriptionFacts = {
    subscriptionId: sub.subscriptionId,
    locationsInUse: [...new Set(sub.resources.map((r) => r.location.toLowerCase()))],
    networkWatcherLocations: sub.resources
      .filter((r) => r.type === 'Microsoft.Network/networkWatchers')
      .map((r) => r.location.toLowerCase()),
    activityLogAlerts: models.filter((m) => m.type === 'Microsoft.Insights/activityLogAlerts'),
    diagnosticSettings: (sub.diagnosticSettings ?? []).map(item('Microsoft.Insights/diagnosticSettings')),
    securityContacts: (sub.securityContacts ?? []).map(item('Microsoft.Security/securityContacts')),
  };
  const out: Finding[] = [];
  for (const rule of RULES) {
    if (rule.scope === 'subscription') {
      const v = rule.evaluate(facts);
      if (v.status === 'fail')
        out.push({
          rule: rule.id,
          severity: rule.severity,
          resource: 'subscription',
          id: scope,
          reason: v.reason,
        });
      continue;
    }
    const type = rule.resourceType.toLowerCase();
    for (const m of models) {
      if (m.type.toLowerCase() !== type) continue;
      const v = rule.evaluate(m);
      if (v.status === 'fail')
        out.push({ rule: rule.id, severity: rule.severity, resource: m.name, id: m.id, reason: v.reason });
    }
  }
  return out;
}

export function bySeverity(findings: readonly Finding[]): Partial<Record<Severity, number>> {
  const out: Partial<Record<Severity, number>> = {};
  for (const f of findings) out[f.severity] = (out[f.severity] ?? 0) + 1;
  return out;
}
