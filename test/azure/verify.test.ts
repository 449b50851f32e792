import { AzureEngine } from '../../src/azure';
import { classifySignInError } from '../../src/azure/classify-error';
import { expiryWarning } from '../../src/core/connect/result';
import type { VerifyRequest } from '../../src/core/ports';
import type { StageError, VerifyOutcome } from '../../src/core/verification';
import { BUILTIN_ROLES, type Emulator, SAMPLE, sampleWorld } from '../../src/emulator';
import { endpointsOf, startTestEmulator } from '../support/emulator';

const C = SAMPLE.credentials;
const fast = {
  stageDeadlineMs: 8_000,
  maxRetries: 1,
  retryDelayInMs: 20,
  maxRetryDelayInMs: 50,
  maxRetryAfterSeconds: 5,
};

let emu: Emulator;
let engine: AzureEngine;

beforeAll(async () => {
  emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
  engine = new AzureEngine({ endpoints: endpointsOf(emu), policy: fast });
});
afterAll(() => emu.close());
beforeEach(() => emu.faults.clear());

function req(c: (typeof C)[keyof typeof C], extra: Partial<VerifyRequest> = {}): VerifyRequest {
  return {
    tenantId: c.tenantId,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    subscriptionId: c.subscriptionId,
    ...extra,
  };
}

function failed(o: VerifyOutcome): StageError {
  if (o.ok)
    throw new Error(`expected a failure, got ok with stages ${o.stages.map((s) => s.stage).join(',')}`);
  return o.error;
}

describe('verify: the stages of SPEC 1.1 against the emulator (real SDKs, HTTPS)', () => {
  it('connects a Reader app: stages in order, subscription name, principal from the oid claim, expiry by hint', async () => {
    const seen: string[] = [];
    const o = await engine.verify(req(C.good), { onStage: (r) => void seen.push(`${r.stage}:${r.status}`) });
    expect(seen).toEqual(['signin:ok', 'subscription:ok', 'role:ok', 'expiry:ok']);
    if (!o.ok) throw new Error(o.error.message);
    expect(o.facts).toMatchObject({
      subscriptionName: 'Contoso Production',
      principalId: SAMPLE.apps.connector.principalId,
      roles: ['Reader'],
      expirySource: 'graph',
    });
    // The secret in use expires in ~200 days; the app's other secret (45 days) must not be picked.
    const days = (Date.parse(o.facts.secretExpiresOn ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(198);
    expect(days).toBeLessThan(201);
    expect(o.warnings).toEqual([]);
  });

  it('accepts the tenant as a verified domain', async () => {
    const o = await engine.verify(req(C.goodByDomain));
    expect(o.ok).toBe(true);
  });

  it('wrong secret → secret_invalid, telling to copy the Value', async () => {
    const e = failed(await engine.verify(req(C.wrongSecret)));
    expect(e).toMatchObject({ stage: 'signin', code: 'secret_invalid', field: 'clientSecret' });
    expect(e.remedy).toMatch(/Value/);
    expect(e.remedy).toMatch(/not its Secret ID/);
  });

  it('expired secret → secret_expired', async () => {
    const e = failed(await engine.verify(req(C.expiredSecret)));
    expect(e).toMatchObject({ stage: 'signin', code: 'secret_expired', field: 'clientSecret' });
    expect(e.remedy).toMatch(/new client secret/);
  });

  it('unknown app → app_not_found naming the Client ID', async () => {
    const e = failed(await engine.verify(req(C.unknownApp)));
    expect(e).toMatchObject({ stage: 'signin', code: 'app_not_found', field: 'clientId' });
    expect(e.message).toContain(C.unknownApp.clientId);
    expect(e.remedy).toMatch(/Client ID/);
  });

  it('unknown tenant → tenant_not_found naming the Tenant ID', async () => {
    const e = failed(await engine.verify(req(C.unknownTenant)));
    expect(e).toMatchObject({ stage: 'signin', code: 'tenant_not_found', field: 'tenantId' });
    expect(e.message).toContain(C.unknownTenant.tenantId);
  });

  it('sign-in unreachable → signin_unreachable, not blaming the values', async () => {
    const offline = new AzureEngine({
      endpoints: { ...endpointsOf(emu), authorityHost: 'https://127.0.0.1:9' },
      policy: fast,
    });
    const e = failed(await offline.verify(req(C.good)));
    expect(e).toMatchObject({ stage: 'signin', code: 'signin_unreachable' });
    expect(e.message).toMatch(/Cannot reach Microsoft sign-in/);
  });

  it('unknown subscription → subscription_not_found', async () => {
    const e = failed(await engine.verify(req(C.unknownSubscription)));
    expect(e).toMatchObject({
      stage: 'subscription',
      code: 'subscription_not_found',
      field: 'subscriptionId',
    });
    expect(e.message).toContain(C.unknownSubscription.subscriptionId);
  });

  it("another tenant's subscription → subscription_wrong_tenant naming the owning tenant", async () => {
    const e = failed(await engine.verify(req(C.otherTenantSubscription)));
    expect(e).toMatchObject({ stage: 'subscription', code: 'subscription_wrong_tenant' });
    expect(e.message).toContain(SAMPLE.tenants.fabrikam.id);
  });

  it('no role at all → no_access, asking for the Reader role on the subscription', async () => {
    const e = failed(await engine.verify(req(C.noReader)));
    expect(e).toMatchObject({ stage: 'subscription', code: 'no_access' });
    expect(e.remedy).toMatch(/Reader role on the subscription/);
  });

  it('a role without read → missing_reader naming the Reader role and the subscription', async () => {
    for (const c of [C.readlessRole, C.dataRoleOnly]) {
      const e = failed(await engine.verify(req(c)));
      expect(e).toMatchObject({ stage: 'role', code: 'missing_reader' });
      expect(e.remedy).toMatch(/Reader/);
      expect(e.remedy).toContain(c.subscriptionId);
    }
  });

  it('Owner connects with an over_privileged warning', async () => {
    const o = await engine.verify(req(C.owner));
    if (!o.ok) throw new Error(o.error.message);
    expect(o.warnings.map((w) => w.code)).toEqual(['over_privileged']);
    expect(o.warnings[0]?.message).toMatch(/Owner/);
    expect(o.warnings[0]?.remedy).toMatch(/Reader/);
  });

  it('no Graph permission → expiry unknown (a warning, not an error), or the date typed in the form', async () => {
    const o = await engine.verify(req(C.noGraph));
    if (!o.ok) throw new Error(o.error.message);
    expect(o.facts.expirySource).toBe('unknown');
    expect(o.warnings.map((w) => w.code)).toEqual(['expiry_unknown']);
    expect(o.warnings[0]?.remedy).toMatch(/Application\.Read\.All/);
    const withDate = await engine.verify(req(C.noGraph, { secretExpiresOn: '2031-01-31' }));
    if (!withDate.ok) throw new Error(withDate.error.message);
    expect(withDate.facts).toMatchObject({
      expirySource: 'form',
      secretExpiresOn: '2031-01-31T00:00:00.000Z',
    });
  });

  it('a secret expiring in 5 days: the adapter reports the date as a fact (the core decides it warns)', async () => {
    const o = await engine.verify(req(C.expiringSoon));
    if (!o.ok) throw new Error(o.error.message);
    expect(o.warnings).toEqual([]);
    expect(o.facts.expirySource).toBe('graph');
    expect(expiryWarning(o.facts.secretExpiresOn, new Date())?.message).toMatch(/in 5 days/);
  });
});

describe('verify: faults end in a clear code within the deadline', () => {
  it('429 with Retry-After: 120 on the subscription read → throttled at once, not after two minutes', async () => {
    emu.faults.add({ path: `/subscriptions/${C.good.subscriptionId}?`, status: 429, retryAfter: 120 });
    const t0 = Date.now();
    const e = failed(await engine.verify(req(C.good)));
    const elapsed = Date.now() - t0;
    expect(e).toMatchObject({ stage: 'subscription', code: 'throttled', retryAfterSeconds: 120 });
    expect(e.message).toMatch(/2 minutes/);
    expect(elapsed).toBeLessThan(fast.stageDeadlineMs);
  });

  it('429 without Retry-After → throttled', async () => {
    emu.faults.add({ path: `/subscriptions/${C.good.subscriptionId}?`, status: 429 });
    expect(failed(await engine.verify(req(C.good)))).toMatchObject({ code: 'throttled' });
  });

  it('a 503 that persists → azure_unavailable with the status', async () => {
    emu.faults.add({ path: `/subscriptions/${C.good.subscriptionId}?`, status: 503 });
    const e = failed(await engine.verify(req(C.good)));
    expect(e).toMatchObject({ stage: 'subscription', code: 'azure_unavailable' });
    expect(e.message).toMatch(/503/);
  });

  it('a single 500 is retried and the connection succeeds', async () => {
    emu.faults.add({ path: `/subscriptions/${C.good.subscriptionId}?`, status: 500, times: 1 });
    expect((await engine.verify(req(C.good))).ok).toBe(true);
  });

  it('a dropped connection on the role check → azure_unavailable', async () => {
    emu.faults.add({ path: 'roleAssignments', drop: true });
    const e = failed(await engine.verify(req(C.good)));
    expect(e).toMatchObject({ stage: 'role', code: 'azure_unavailable' });
  });

  it('a subscription read slower than the stage deadline → timeout', async () => {
    const slow = new AzureEngine({
      endpoints: endpointsOf(emu),
      policy: { ...fast, stageDeadlineMs: 1_000 },
    });
    emu.faults.add({ path: `/subscriptions/${C.good.subscriptionId}?`, delayMs: 4_000 });
    const t0 = Date.now();
    const e = failed(await slow.verify(req(C.good)));
    expect(e).toMatchObject({ stage: 'subscription', code: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(3_500);
  });
});

describe('verify: edge cases of sign-in and role', () => {
  it('429 with Retry-After: 120 on the token endpoint → throttled at once', async () => {
    emu.faults.add({ method: 'POST', path: '/oauth2/v2.0/token', status: 429, retryAfter: 120 });
    const t0 = Date.now();
    const e = failed(await engine.verify(req(C.good)));
    expect(e).toMatchObject({ stage: 'signin', code: 'throttled' });
    expect(Date.now() - t0).toBeLessThan(fast.stageDeadlineMs / 2);
  });

  it('Reader on one resource group only is not read access to the subscription', async () => {
    const sub = emu.world.subscriptions.find((s) => s.subscriptionId === C.noReader.subscriptionId);
    const rg = sub?.resources[0]?.id.split('/providers/')[0] ?? '';
    sub?.roleAssignments.push({
      principalId: SAMPLE.apps.noRole.principalId,
      roleDefinitionId: BUILTIN_ROLES.reader.id,
      scope: rg,
    });
    try {
      const e = failed(await engine.verify(req(C.noReader)));
      expect(['no_access', 'missing_reader']).toContain(e.code);
      expect(e.remedy).toMatch(/Reader/);
    } finally {
      sub?.roleAssignments.pop();
    }
  });

  it('Graph failing (5xx) leaves the expiry unknown without blaming a missing permission', async () => {
    emu.faults.add({ path: '/v1.0/applications', status: 503 });
    const o = await engine.verify(req(C.good));
    if (!o.ok) throw new Error(o.error.message);
    expect(o.warnings.map((w) => w.code)).toEqual(['expiry_unknown']);
    expect(o.warnings[0]?.message).toMatch(/did not answer/);
    expect(o.warnings[0]?.remedy).not.toMatch(/Application\.Read\.All/);
  });

  it('an unexpected error while signing in is not blamed on the secret', () => {
    const e = classifySignInError(new TypeError('x is not a function'), {}, 1000);
    expect(e.code).toBe('azure_unavailable');
  });
});
