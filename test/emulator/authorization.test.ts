import { BUILTIN_ROLES, type Emulator, SAMPLE, startEmulator } from '../../src/emulator';
import { type ArmErrorBody, get, tokenFor } from './https-get';

const { credentials: C, apps } = SAMPLE;
const PROD = SAMPLE.subscriptions.production.id;
const API = 'api-version=2022-04-01';

interface Assignment {
  id: string;
  name: string;
  type: string;
  properties: { roleDefinitionId: string; principalId: string; principalType: string; scope: string };
}
interface Definition {
  id: string;
  name: string;
  type: string;
  properties: {
    roleName: string;
    type: string;
    assignableScopes: string[];
    permissions: {
      actions: string[];
      notActions: string[];
      dataActions: string[];
      notDataActions: string[];
    }[];
  };
}

let emu: Emulator;
let good: string;

beforeAll(async () => {
  emu = await startEmulator({ throttle: false });
  good = await tokenFor(emu, C.good);
});
afterAll(() => emu.close());

const assignmentsPath = (filter: string) =>
  `//subscriptions/${PROD}/providers/Microsoft.Authorization/roleAssignments?${API}&%24filter=${encodeURIComponent(filter)}`;

describe('role assignments', () => {
  it("lists the caller's assignments for assignedTo('{oid}') on the SDK's //subscriptions path", async () => {
    const r = await get(emu, assignmentsPath(`assignedTo('${apps.connector.principalId}')`), good);
    expect(r.status).toBe(200);
    const value = r.body<{ value: Assignment[] }>().value;
    expect(value).toHaveLength(1);
    expect(value[0]).toMatchObject({
      type: 'Microsoft.Authorization/roleAssignments',
      properties: {
        roleDefinitionId: `/subscriptions/${PROD}/providers/Microsoft.Authorization/roleDefinitions/${BUILTIN_ROLES.reader.id}`,
        principalId: apps.connector.principalId,
        principalType: 'ServicePrincipal',
        scope: `/subscriptions/${PROD}`,
      },
    });
    expect(value[0]?.id).toBe(
      `/subscriptions/${PROD}/providers/Microsoft.Authorization/roleAssignments/${value[0]?.name}`,
    );
    const again = await get(emu, assignmentsPath(`assignedTo('${apps.connector.principalId}')`), good);
    expect(again.body<{ value: Assignment[] }>().value[0]?.name).toBe(value[0]?.name);
  });

  it('supports principalId eq and atScope(), and the single-slash path', async () => {
    const path = `/subscriptions/${PROD}/providers/Microsoft.Authorization/roleAssignments?${API}&$filter=${encodeURIComponent(
      `atScope() and principalId eq '${apps.connector.principalId}'`,
    )}`;
    const r = await get(emu, path, good);
    expect(r.body<{ value: Assignment[] }>().value.map((a) => a.properties.principalId)).toEqual([
      apps.connector.principalId,
    ]);
  });

  it('lists everyone for a reader without a filter', async () => {
    const r = await get(
      emu,
      `//subscriptions/${PROD}/providers/Microsoft.Authorization/roleAssignments?${API}`,
      good,
    );
    expect(r.body<{ value: Assignment[] }>().value.length).toBe(
      emu.world.subscriptions[0]?.roleAssignments.length,
    );
  });

  it('lets a principal without read list its own assignments, and only those', async () => {
    const token = await tokenFor(emu, C.readlessRole);
    const own = await get(emu, assignmentsPath(`assignedTo('${apps.tagWriter.principalId}')`), token);
    expect(own.status).toBe(200);
    expect(own.body<{ value: Assignment[] }>().value[0]?.properties.roleDefinitionId).toContain(
      BUILTIN_ROLES.tagWriter.id,
    );
    const others = await get(emu, assignmentsPath(`assignedTo('${apps.connector.principalId}')`), token);
    expect(others.status).toBe(403);
    expect(others.body<ArmErrorBody>().error.code).toBe('AuthorizationFailed');
  });

  it('returns an empty list to a principal with no role asking for its own', async () => {
    const token = await tokenFor(emu, C.noReader);
    const r = await get(emu, assignmentsPath(`assignedTo('${apps.noRole.principalId}')`), token);
    expect(r.status).toBe(200);
    expect(r.body<{ value: Assignment[] }>().value).toEqual([]);
  });
});

describe('role definitions', () => {
  it('gets a role definition by id at subscription scope (//subscriptions path)', async () => {
    const r = await get(
      emu,
      `//subscriptions/${PROD}/providers/Microsoft.Authorization/roleDefinitions/${BUILTIN_ROLES.reader.id}?${API}`,
      good,
    );
    expect(r.status).toBe(200);
    expect(r.body<Definition>()).toEqual({
      id: `/subscriptions/${PROD}/providers/Microsoft.Authorization/roleDefinitions/${BUILTIN_ROLES.reader.id}`,
      name: BUILTIN_ROLES.reader.id,
      type: 'Microsoft.Authorization/roleDefinitions',
      properties: expect.objectContaining({
        roleName: 'Reader',
        type: 'BuiltInRole',
        assignableScopes: ['/'],
        permissions: [{ actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }],
      }),
    });
  });

  it('describes Contributor, Owner, the custom read-less role and a data-only role', async () => {
    const def = async (id: string) =>
      (
        await get(
          emu,
          `/subscriptions/${PROD}/providers/Microsoft.Authorization/roleDefinitions/${id}?${API}`,
          good,
        )
      ).body<Definition>();
    const contributor = await def(BUILTIN_ROLES.contributor.id);
    expect(contributor.properties.permissions[0]?.actions).toEqual(['*']);
    expect(contributor.properties.permissions[0]?.notActions).toContain('Microsoft.Authorization/*/Write');
    expect((await def(BUILTIN_ROLES.owner.id)).properties.roleName).toBe('Owner');
    const custom = await def(BUILTIN_ROLES.tagWriter.id);
    expect(custom.properties.type).toBe('CustomRole');
    expect(custom.properties.permissions[0]?.actions).toEqual(['Microsoft.Resources/tags/write']);
    const data = await def(BUILTIN_ROLES.storageBlobDataReader.id);
    expect(data.properties.permissions[0]?.actions).toEqual([]);
    expect(data.properties.permissions[0]?.dataActions.length).toBeGreaterThan(0);
  });

  it('404 RoleDefinitionDoesNotExist for an unknown id; lists with a roleName filter', async () => {
    const missing = await get(
      emu,
      `/subscriptions/${PROD}/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000001?${API}`,
      good,
    );
    expect(missing.status).toBe(404);
    expect(missing.body<ArmErrorBody>().error.code).toBe('RoleDefinitionDoesNotExist');
    const byName = await get(
      emu,
      `/subscriptions/${PROD}/providers/Microsoft.Authorization/roleDefinitions?${API}&$filter=${encodeURIComponent("roleName eq 'Owner'")}`,
      good,
    );
    expect(byName.body<{ value: Definition[] }>().value.map((d) => d.name)).toEqual([BUILTIN_ROLES.owner.id]);
  });
});
