import { rule as plan } from '../../src/checks/defender/defender-plan-standard-tier';
import { rule as contactAlerts } from '../../src/checks/defender/defender-security-contact-alerts';
import { rule as iamOwner } from '../../src/checks/iam/iam-custom-owner-role';
import { rule as diagnostics } from '../../src/checks/monitor/monitor-activity-log-diagnostic-setting';
import { rule as nsgDelete } from '../../src/checks/monitor/monitor-alert-nsg-delete';
import { rule as nsgWrite } from '../../src/checks/monitor/monitor-alert-nsg-write';
import { rule as policyDelete } from '../../src/checks/monitor/monitor-alert-policy-assignment-delete';
import { rule as policyWrite } from '../../src/checks/monitor/monitor-alert-policy-assignment-write';
import { rule as publicIpDelete } from '../../src/checks/monitor/monitor-alert-public-ip-delete';
import { rule as publicIpWrite } from '../../src/checks/monitor/monitor-alert-public-ip-write';
import { rule as solutionDelete } from '../../src/checks/monitor/monitor-alert-security-solution-delete';
import { rule as solutionWrite } from '../../src/checks/monitor/monitor-alert-security-solution-write';
import { rule as sqlFwDelete } from '../../src/checks/monitor/monitor-alert-sql-firewall-delete';
import { rule as sqlFwWrite } from '../../src/checks/monitor/monitor-alert-sql-firewall-write';
import type { SubscriptionRule } from '../../src/core/posture/rule';
import { activityLogAlert, facts, judgeOne, reasonOf, resource, SUBSCRIPTION_ID, TYPES } from './fixtures';
import { describeResourceRules, describeSubscriptionRules, type SubscriptionCase } from './rule-cases';

const pricing = (name: string, pricingTier?: string, extra: Record<string, unknown> = {}) =>
  resource(TYPES.pricing, name, { ...(pricingTier === undefined ? {} : { pricingTier }), ...extra });
const role = (roleName: string, props: Record<string, unknown>) =>
  resource(TYPES.roleDefinition, '9f1c0b7e-0000-4000-8000-000000000001', { roleName, ...props });
const contact = (properties: Record<string, unknown>) =>
  resource(TYPES.securityContact, 'default', properties);
const setting = (properties: Record<string, unknown>) =>
  resource(TYPES.diagnosticSetting, 'export-activity', properties);

describeResourceRules([
  {
    rule: plan,
    pass: pricing('VirtualMachines', 'Standard'),
    fail: pricing('VirtualMachines', 'Free'),
    reason:
      /Defender plan VirtualMachines \(Defender for Servers\) is not on the Standard tier \(pricingTier is Free\)/,
  },
  {
    rule: iamOwner,
    pass: role('Reader plus', {
      type: 'CustomRole',
      permissions: [{ actions: ['*/read'], notActions: [] }],
      assignableScopes: [`/subscriptions/${SUBSCRIPTION_ID}`],
    }),
    fail: role('Super admin', {
      type: 'CustomRole',
      permissions: [{ actions: ['*'], notActions: [] }],
      assignableScopes: [`/subscriptions/${SUBSCRIPTION_ID}`],
    }),
    namesResource: false,
    reason: /^Custom role Super admin allows all actions \(\*\) and is assignable at subscription scope\.$/,
  },
]);

describe('Defender plans', () => {
  it.each([
    'VirtualMachines',
    'SqlServers',
    'StorageAccounts',
    'KeyVaults',
    'Arm',
    'Containers',
    'AppServices',
    'CosmosDbs',
  ])('judges %s', (name) => {
    expect(judgeOne(plan, pricing(name, 'standard')).status).toBe('pass');
    expect(judgeOne(plan, pricing(name, 'Free')).status).toBe('fail');
  });

  it('is not applicable to other or deprecated plans', () => {
    expect(judgeOne(plan, pricing('Dns', 'Free')).status).toBe('not_applicable');
    expect(judgeOne(plan, pricing('KubernetesService', 'Free', { deprecated: true })).status).toBe(
      'not_applicable',
    );
    expect(judgeOne(plan, pricing('Containers', 'Free', { deprecated: true })).status).toBe('not_applicable');
  });

  it('treats a missing tier as Free and reads the name case-insensitively', () => {
    expect(reasonOf(judgeOne(plan, pricing('keyvaults')))).toContain('pricingTier is Free');
  });
});

describe('custom owner roles', () => {
  const wildcard = { type: 'CustomRole', permissions: [{ actions: ['*'] }] };

  it('does not judge built-in roles', () => {
    expect(
      judgeOne(iamOwner, role('Owner', { ...wildcard, type: 'BuiltInRole', assignableScopes: ['/'] })).status,
    ).toBe('not_applicable');
  });

  it('fails at root and management-group scope, passes at resource-group scope', () => {
    expect(judgeOne(iamOwner, role('r', { ...wildcard, assignableScopes: ['/'] })).status).toBe('fail');
    const mg = '/providers/Microsoft.Management/managementGroups/contoso';
    expect(judgeOne(iamOwner, role('r', { ...wildcard, assignableScopes: [mg] })).status).toBe('fail');
    const rg = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-app`;
    expect(judgeOne(iamOwner, role('r', { ...wildcard, assignableScopes: [rg] })).status).toBe('pass');
  });

  it('reads permissions in the flattened and nested shapes', () => {
    const nested = role('r', {
      type: 'customrole',
      permissions: [{ properties: { actions: ['*'] } }],
      assignableScopes: ['/'],
    });
    expect(judgeOne(iamOwner, nested).status).toBe('fail');
  });
});

const alertCases: [SubscriptionRule, string][] = [
  [policyWrite, 'Microsoft.Authorization/policyAssignments/write'],
  [policyDelete, 'Microsoft.Authorization/policyAssignments/delete'],
  [nsgWrite, 'Microsoft.Network/networkSecurityGroups/write'],
  [nsgDelete, 'Microsoft.Network/networkSecurityGroups/delete'],
  [solutionWrite, 'Microsoft.Security/securitySolutions/write'],
  [solutionDelete, 'Microsoft.Security/securitySolutions/delete'],
  [sqlFwWrite, 'Microsoft.Sql/servers/firewallRules/write'],
  [sqlFwDelete, 'Microsoft.Sql/servers/firewallRules/delete'],
  [publicIpWrite, 'Microsoft.Network/publicIPAddresses/write'],
  [publicIpDelete, 'Microsoft.Network/publicIPAddresses/delete'],
];

describeSubscriptionRules([
  ...alertCases.map(
    ([rule, operation]): SubscriptionCase => ({
      rule,
      empty: 'fail',
      pass: facts({ activityLogAlerts: [activityLogAlert('watch', operation)] }),
      fail: facts({
        activityLogAlerts: [activityLogAlert('other', 'Microsoft.Compute/virtualMachines/write')],
      }),
      reason: new RegExp(`No activity-log alert fires on .*\\(${operation.replace(/[./]/g, '\\$&')}\\)`),
    }),
  ),
  {
    rule: diagnostics,
    empty: 'fail',
    pass: facts({
      diagnosticSettings: [
        setting({
          workspaceId: '/subscriptions/x/.../workspaces/law',
          logs: [{ category: 'Administrative', enabled: true }],
        }),
      ],
    }),
    fail: facts({
      diagnosticSettings: [
        setting({
          workspaceId: '/subscriptions/x/.../workspaces/law',
          logs: [{ category: 'Administrative', enabled: false }],
        }),
      ],
    }),
    reason: /Diagnostic setting export-activity has no destination or no enabled log category/,
  },
  {
    rule: contactAlerts,
    empty: 'fail',
    pass: facts({
      securityContacts: [
        contact({ emails: 'sec@example.com', alertNotifications: { state: 'On', minimalSeverity: 'High' } }),
      ],
    }),
    fail: facts({
      securityContacts: [
        contact({ emails: 'sec@example.com', alertNotifications: { state: 'Off', minimalSeverity: 'High' } }),
      ],
    }),
    reason: /Security contact default does not email alert notifications of High severity/,
  },
]);

describe('activity-log alerts', () => {
  const op = 'Microsoft.Network/networkSecurityGroups/write';

  it('names a matching alert that is disabled', () => {
    const f = facts({ activityLogAlerts: [activityLogAlert('nsg-changes', op, { enabled: false })] });
    expect(reasonOf(nsgWrite.evaluate(f))).toBe(
      'Activity-log alert nsg-changes for creating or updating a network security group is disabled.',
    );
  });

  it('does not accept an alert scoped to one resource group', () => {
    const scopes = [`/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-net`];
    expect(
      reasonOf(
        nsgWrite.evaluate(facts({ activityLogAlerts: [activityLogAlert('rg-only', op, { scopes })] })),
      ),
    ).toContain('covers only part of the subscription');
  });

  it('matches operation names case-insensitively, in anyOf groups and in containsAny', () => {
    const lower = activityLogAlert('lower', op.toLowerCase());
    expect(nsgWrite.evaluate(facts({ activityLogAlerts: [lower] }))).toEqual({ status: 'pass' });
    const anyOf = resource(TYPES.activityLogAlert, 'any-of', {
      condition: { allOf: [{ anyOf: [{ field: 'operationName', equals: op }] }] },
    });
    expect(nsgWrite.evaluate(facts({ activityLogAlerts: [anyOf] }))).toEqual({ status: 'pass' });
    const containsAny = resource(TYPES.activityLogAlert, 'contains', {
      condition: { allOf: [{ field: 'operationName', containsAny: ['x', op] }] },
    });
    expect(nsgWrite.evaluate(facts({ activityLogAlerts: [containsAny] }))).toEqual({ status: 'pass' });
  });

  it('does not let the write alert stand in for the delete alert', () => {
    expect(nsgDelete.evaluate(facts({ activityLogAlerts: [activityLogAlert('w', op)] })).status).toBe('fail');
  });
});

describe('diagnostic settings and security contacts', () => {
  it('fails a subscription without diagnostic settings, and a setting without a destination', () => {
    expect(reasonOf(diagnostics.evaluate(facts()))).toBe(
      'No diagnostic setting exports the subscription activity log.',
    );
    expect(
      diagnostics.evaluate(facts({ diagnosticSettings: [setting({ logs: [{ enabled: true }] })] })).status,
    ).toBe('fail');
  });

  it('accepts a setting that does not list categories', () => {
    expect(
      diagnostics.evaluate(facts({ diagnosticSettings: [setting({ storageAccountId: '/x' })] })).status,
    ).toBe('pass');
  });

  it('fails with no contact and reads the 2023 and 2017 API shapes', () => {
    expect(reasonOf(contactAlerts.evaluate(facts()))).toContain('No Defender for Cloud security contact');
    const modern = contact({
      isEnabled: true,
      emails: 'a@b.c',
      notificationsSources: [{ sourceType: 'Alert', minimalSeverity: 'Medium' }],
    });
    expect(contactAlerts.evaluate(facts({ securityContacts: [modern] }))).toEqual({ status: 'pass' });
    const modernOff = contact({
      isEnabled: false,
      notificationsSources: [{ sourceType: 'Alert', minimalSeverity: 'Low' }],
    });
    expect(reasonOf(contactAlerts.evaluate(facts({ securityContacts: [modernOff] })))).toContain(
      'is disabled',
    );
    const legacy = contact({ email: 'a@b.c', alertNotifications: 'On', alertsToAdmins: 'On' });
    expect(contactAlerts.evaluate(facts({ securityContacts: [legacy] }))).toEqual({ status: 'pass' });
  });

  it('reads severities and states in any case', () => {
    const lower = contact({ alertNotifications: { state: 'on', minimalSeverity: 'low' } });
    expect(contactAlerts.evaluate(facts({ securityContacts: [lower] }))).toEqual({ status: 'pass' });
  });
});
