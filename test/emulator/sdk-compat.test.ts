/**
 * The real Azure SDKs against the emulator, configured as FIELD-NOTES describes: authorityHost +
 * disableInstanceDiscovery, endpoint + credentialScopes, and the emulator's certificate as `tlsOptions.ca`.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ClientSecretCredential } from '@azure/identity';
import { BUILTIN_ROLES, decodeToken, type Emulator, SAMPLE, startEmulator } from '../../src/emulator';

const C = SAMPLE.credentials;
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

function clients(c: { tenantId: string; clientId: string; clientSecret: string; subscriptionId: string }) {
  const tlsOptions = { ca: emu.caPem };
  const credential = new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret, {
    authorityHost: emu.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions,
  });
  const options = {
    endpoint: emu.armEndpoint,
    credentialScopes: [`${emu.armEndpoint}/.default`],
    tlsOptions,
    retryOptions: { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  };
  return {
    credential,
    subscriptions: new SubscriptionClient(credential, options),
    resources: new ResourceManagementClient(credential, c.subscriptionId, options),
    authorization: new AuthorizationManagementClient(credential, c.subscriptionId, options),
  };
}

describe('real SDKs against the emulator', () => {
  it('connects the good credential end to end: token, subscription, resources, role, definition', async () => {
    const sdk = clients(C.good);
    const token = await sdk.credential.getToken(`${emu.armEndpoint}/.default`);
    const oid = String(decodeToken(token.token)['oid']);
    expect(oid).toBe(SAMPLE.apps.connector.principalId);

    const sub = await sdk.subscriptions.subscriptions.get(C.good.subscriptionId);
    expect(sub.displayName).toBe('Contoso Production');

    let count = 0;
    for await (const r of sdk.resources.resources.list({ top: 50 })) {
      expect(r.id).toBeDefined();
      count++;
    }
    expect(count).toBe(137);

    const assignments = [];
    for await (const a of sdk.authorization.roleAssignments.listForScope(
      `/subscriptions/${C.good.subscriptionId}`,
      {
        filter: `assignedTo('${oid}')`,
      },
    )) {
      assignments.push(a);
    }
    expect(assignments).toHaveLength(1);
    const definition = await sdk.authorization.roleDefinitions.getById(
      assignments[0]?.roleDefinitionId ?? '',
    );
    expect(definition.roleName).toBe('Reader');
    expect(definition.name).toBe(BUILTIN_ROLES.reader.id);

    const first = emu.world.subscriptions[0]?.resources[0];
    const full = await sdk.resources.resources.getById(first?.id ?? '', '2023-07-01');
    expect(full.properties).toEqual(first?.properties);
  });

  it.each([
    ['wrongSecret', /AADSTS7000215/],
    ['expiredSecret', /AADSTS7000222/],
    ['unknownApp', /AADSTS700016/],
    ['unknownTenant', /endpoints_resolution_error/],
  ] as const)('%s fails to sign in with %s', async (name, pattern) => {
    await expect(clients(C[name]).credential.getToken(`${emu.armEndpoint}/.default`)).rejects.toThrow(
      pattern,
    );
  });

  it.each([
    ['noReader', 403, 'AuthorizationFailed'],
    ['otherTenantSubscription', 401, 'InvalidAuthenticationTokenTenant'],
    ['unknownSubscription', 404, 'SubscriptionNotFound'],
  ] as const)('%s reads the subscription → %i %s', async (name, statusCode, code) => {
    await expect(
      clients(C[name]).subscriptions.subscriptions.get(C[name].subscriptionId),
    ).rejects.toMatchObject({
      statusCode,
      code,
    });
  });

  it('waits out a 429 with Retry-After and retries', async () => {
    const sdk = clients(C.good);
    emu.faults.add({
      path: `/subscriptions/${C.good.subscriptionId}?`,
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    const started = Date.now();
    const sub = await sdk.subscriptions.subscriptions.get(C.good.subscriptionId);
    expect(sub.displayName).toBe('Contoso Production');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('is trusted by global fetch in a process started with NODE_EXTRA_CA_CERTS', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emulator-ca-'));
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, emu.caPem);
    const url = `${emu.url}/${SAMPLE.tenants.contoso.domain}/v2.0/.well-known/openid-configuration`;
    const script = `fetch(${JSON.stringify(url)}).then(r => r.json()).then(j => console.log(j.token_endpoint), e => { console.error(e.cause?.code ?? e.message); process.exit(1); })`;
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['-e', script],
        { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } },
        (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout.trim())),
      );
    });
    expect(out).toBe(`${emu.url}/${SAMPLE.tenants.contoso.id}/oauth2/v2.0/token`);
  });
});
