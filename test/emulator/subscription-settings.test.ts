/**
 * Subscription-level reads of a posture sync: Defender plans, security contacts, activity-log
 * diagnostic settings and custom role definitions.
 */

import { DEFENDER_PLANS, type Emulator, SAMPLE, startEmulator } from '../../src/emulator';
import { type ArmErrorBody, get, tokenFor } from './https-get';

const PROD = SAMPLE.subscriptions.production.id;
const DEV = SAMPLE.subscriptions.development.id;

interface Page<T = Record<string, unknown>> {
  value: T[];
}
type Item = { id: string; name: string; type: string; properties: Record<string, unknown> };

let emu: Emulator;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ throttle: false });
  token = await tokenFor(emu, SAMPLE.credentials.good);
});
afterAll(() => emu.close());

const list = async (path: string, t = token) => {
  const r = await get(emu, path, t);
  expect(r.status).toBe(200);
  return r.body<Page<Item>>().value;
};

describe('Microsoft.Security/pricings', () => {
  it('lists every Defender plan of Contoso Production, some on Free', async () => {
    const plans = await list(
      `/subscriptions/${PROD}/providers/Microsoft.Security/pricings?api-version=2024-01-01`,
    );
    expect(plans.map((p) => p.name)).toEqual(DEFENDER_PLANS.map((p) => p.name));
    expect(plans[0]).toEqual({
      id: `/subscriptions/${PROD}/providers/Microsoft.Security/pricings/VirtualMachines`,
      name: 'VirtualMachines',
      type: 'Microsoft.Security/pricings',
      properties: expect.objectContaining({ pricingTier: 'Standard', subPlan: 'P2' }),
    });
    const tier = (name: string) => plans.find((p) => p.name === name)?.properties['pricingTier'];
    expect(tier('KeyVaults')).toBe('Free');
    expect(tier('CosmosDbs')).toBe('Free');
    expect(tier('SqlServers')).toBe('Standard');
    expect(plans.find((p) => p.name === 'KubernetesService')?.properties).toMatchObject({
      deprecated: true,
      replacedBy: ['Containers'],
    });
  });

  it('lists every plan on Free for a subscription without Defender, and gets one plan by name', async () => {
    const plans = await list(
      `/subscriptions/${DEV}/providers/microsoft.security/pricings?api-version=2018-06-01`,
    );
    expect(plans.length).toBe(DEFENDER_PLANS.length);
    expect(plans.every((p) => p.properties['pricingTier'] === 'Free')).toBe(true);
    const one = await get(
      emu,
      `//subscriptions/${PROD}/providers/Microsoft.Security/pricings/arm?api-version=2024-01-01`,
      token,
    );
    expect(one.body<Item>()).toMatchObject({ name: 'Arm', properties: { pricingTier: 'Standard' } });
    const none = await get(
      emu,
      `/subscriptions/${PROD}/providers/Microsoft.Security/pricings/Nope?api-version=2024-01-01`,
      token,
    );
    expect(none.status).toBe(404);
  });

  it('a flipped plan shows on the next request', async () => {
    const sub = emu.world.subscriptions.find((s) => s.subscriptionId === PROD);
    const plan = sub?.pricings?.find((p) => p.name === 'KeyVaults');
    if (!plan) throw new Error('no KeyVaults plan');
    plan.properties['pricingTier'] = 'Standard';
    try {
      const plans = await list(
        `/subscriptions/${PROD}/providers/Microsoft.Security/pricings?api-version=2024-01-01`,
      );
      expect(plans.find((p) => p.name === 'KeyVaults')?.properties['pricingTier']).toBe('Standard');
    } finally {
      plan.properties['pricingTier'] = 'Free';
    }
  });
});

describe('Microsoft.Security/securityContacts', () => {
  const path = (v: string, sub: string = PROD) =>
    `/subscriptions/${sub}/providers/Microsoft.Security/securityContacts?api-version=${v}`;

  it('lists the contact in the 2023-12-01-preview shape', async () => {
    const contacts = await list(path('2023-12-01-preview'));
    expect(contacts).toEqual([
      {
        id: `/subscriptions/${PROD}/providers/Microsoft.Security/securityContacts/default`,
        name: 'default',
        type: 'Microsoft.Security/securityContacts',
        properties: expect.objectContaining({
          emails: expect.stringContaining('@contoso.com'),
          isEnabled: true,
          notificationsSources: expect.arrayContaining([{ sourceType: 'Alert', minimalSeverity: 'Medium' }]),
        }),
      },
    ]);
  });

  it('answers the older API versions in their own shapes, and none for a subscription without one', async () => {
    const v2020 = await list(path('2020-01-01-preview'));
    expect(v2020[0]?.properties).toMatchObject({
      alertNotifications: { state: 'On', minimalSeverity: 'Medium' },
      notificationsByRole: { state: 'On', roles: ['Owner'] },
    });
    const v2017 = await list(path('2017-08-01-preview'));
    expect(v2017[0]?.properties).toMatchObject({ email: 'secops@contoso.com', alertNotifications: 'On' });
    expect(await list(path('2023-12-01-preview', DEV))).toEqual([]);
  });
});

describe('Microsoft.Insights/diagnosticSettings (subscription activity log)', () => {
  it('lists the activity-log export with its destination and categories', async () => {
    const settings = await list(
      `/subscriptions/${PROD}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`,
    );
    expect(settings).toHaveLength(1);
    expect(settings[0]).toMatchObject({
      id: `/subscriptions/${PROD}/providers/microsoft.insights/diagnosticSettings/export-activity-log`,
      name: 'export-activity-log',
      type: 'Microsoft.Insights/diagnosticSettings',
      properties: {
        workspaceId: expect.stringContaining('/workspaces/law-contoso-prod'),
        logs: expect.arrayContaining([{ category: 'Administrative', enabled: true }]),
      },
    });
    expect(
      await list(
        `/subscriptions/${DEV}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`,
      ),
    ).toEqual([]);
  });

  it('needs a read role on the subscription', async () => {
    const readless = await tokenFor(emu, SAMPLE.credentials.readlessRole);
    const r = await get(
      emu,
      `/subscriptions/${PROD}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`,
      readless,
    );
    expect(r.status).toBe(403);
    expect(r.body<ArmErrorBody>().error.message).toContain("'Microsoft.Insights/diagnosticSettings/read'");
  });
});

describe('custom role definitions', () => {
  const filter = encodeURIComponent("type eq 'CustomRole'");

  it("lists the subscription's custom roles with type eq 'CustomRole', built-in roles still served", async () => {
    const roles = await list(
      `//subscriptions/${PROD}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=${filter}`,
    );
    const breakGlass = roles.find((r) => r.name === SAMPLE.customRoles.breakGlass.id);
    expect(breakGlass).toMatchObject({
      id: `/subscriptions/${PROD}/providers/Microsoft.Authorization/roleDefinitions/${SAMPLE.customRoles.breakGlass.id}`,
      type: 'Microsoft.Authorization/roleDefinitions',
      properties: {
        roleName: 'Contoso Break-Glass Operator',
        type: 'CustomRole',
        assignableScopes: [`/subscriptions/${PROD}`],
        permissions: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }],
      },
    });
    expect(roles.every((r) => r.properties['type'] === 'CustomRole')).toBe(true);
    expect(roles.map((r) => r.name)).toContain(SAMPLE.customRoles.vmOperator.id);
    const devRoles = await list(
      `/subscriptions/${DEV}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=${filter}`,
    );
    expect(devRoles.map((r) => r.name)).not.toContain(SAMPLE.customRoles.breakGlass.id);

    const reader = await get(
      emu,
      `//subscriptions/${PROD}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7?api-version=2022-04-01`,
      token,
    );
    expect(reader.body<Item>().properties['roleName']).toBe('Reader');
    const custom = await get(
      emu,
      `/subscriptions/${PROD}/providers/Microsoft.Authorization/roleDefinitions/${SAMPLE.customRoles.breakGlass.id}?api-version=2022-04-01`,
      token,
    );
    expect(custom.body<Item>().properties['roleName']).toBe('Contoso Break-Glass Operator');
  });

  it('an assignment of a custom role grants its actions', async () => {
    const sub = emu.world.subscriptions.find((s) => s.subscriptionId === PROD);
    if (!sub) throw new Error('no production subscription');
    const noRole = SAMPLE.apps.noRole.principalId;
    sub.roleAssignments.push({ principalId: noRole, roleDefinitionId: SAMPLE.customRoles.breakGlass.id });
    try {
      const t = await tokenFor(emu, SAMPLE.credentials.noReader);
      expect((await get(emu, `/subscriptions/${PROD}/resources?api-version=2025-04-01`, t)).status).toBe(200);
    } finally {
      sub.roleAssignments.pop();
    }
  });
});
