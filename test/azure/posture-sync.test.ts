/**
 * The posture sync end to end on the real Azure SDK pipeline against the emulator: the core's
 * connect and sync, the AzureEngine's bulk reads, the rule pack, the in-memory store. What the
 * planted resources yield, how many requests a large subscription costs, and what a provider
 * that keeps failing leaves behind.
 */

import { AzureEngine } from '../../src/azure';
import { RULES } from '../../src/checks';
import { runCommand } from '../../src/core/commands/run';
import { StageFailure } from '../../src/core/errors';
import { PostureEvaluator } from '../../src/core/posture/evaluate';
import { planFor } from '../../src/core/posture/plan';
import type { Severity } from '../../src/core/posture/rule';
import { severityCells } from '../../src/core/present/severity';
import { type SyncOutcome, syncConnection } from '../../src/core/sync/job';
import type { Invocation, ReportView } from '../../src/core/views';
import {
  BUILTIN_ROLES,
  DEFENDER_PLANS,
  type Emulator,
  generateResources,
  SAMPLE,
  sampleWorld,
} from '../../src/emulator';
import { evaluate } from '../emulator/posture';
import { connectThrough, coreWorld } from '../support/core-harness';
import { endpointsOf, startTestEmulator } from '../support/emulator';

const C = SAMPLE.credentials.good;
const P = SAMPLE.planted;
const DEV = SAMPLE.subscriptions.development.id;
const fast = { maxRetries: 1, retryDelayInMs: 20, maxRetryDelayInMs: 50, maxRetryAfterSeconds: 5 };
const form = { name: 'Production', ...C };

/** The catalogue's severity for each planted insecure setting (../shared/RULES-CATALOGUE.md). */
const PLANTED_FINDINGS: { resource: { id: string; name: string }; rule: string; severity: Severity }[] = [
  { resource: P.storagePublicBlobs, rule: 'storage-public-blob-access', severity: 'high' },
  { resource: P.nsgOpenMgmt, rule: 'nsg-ssh-open-to-internet', severity: 'high' },
  // RDP is opened through destinationPortRanges (a list), not destinationPortRange.
  { resource: P.nsgOpenMgmt, rule: 'nsg-rdp-open-to-internet', severity: 'high' },
  { resource: P.sqlOpenToWorld, rule: 'sql-firewall-allows-all-internet', severity: 'critical' },
  { resource: P.keyVaultNoPurge, rule: 'keyvault-recoverable', severity: 'high' },
  { resource: P.appHttpAllowed, rule: 'appservice-https-only', severity: 'high' },
  { resource: P.acrAdminOn, rule: 'containerregistry-admin-user-disabled', severity: 'high' },
  { resource: P.postgresAzureServices, rule: 'postgresql-allow-azure-services', severity: 'high' },
  { resource: P.mysqlNoSecureTransport, rule: 'mysql-require-secure-transport', severity: 'high' },
  { resource: P.storageLegacy, rule: 'storage-minimum-tls-version', severity: 'medium' },
  { resource: P.storageLegacy, rule: 'storage-infrastructure-encryption', severity: 'low' },
  { resource: P.storageLegacy, rule: 'storage-geo-redundancy', severity: 'informational' },
];
const SECURE_TWINS = [
  P.storagePrivateBlobs,
  P.nsgLocked,
  P.sqlPrivate,
  P.sqlPrivateDatabase,
  P.keyVaultProtected,
  P.appHttpsOnly,
  P.acrAdminOff,
];

let emu: Emulator;
const engine = () => new AzureEngine({ endpoints: endpointsOf(emu), policy: fast });

beforeAll(async () => {
  emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
});
afterAll(() => emu.close());
beforeEach(() => emu.faults.clear());

const synced = (o: SyncOutcome) => {
  if (o.kind !== 'synced') throw new Error(`expected a sync, got ${o.kind}`);
  return o.summary;
};

const report = (r: { kind: string; view?: unknown }): ReportView => {
  if (r.kind !== 'report') throw new Error(`expected a report, got ${JSON.stringify(r)}`);
  return r.view as ReportView;
};

describe('Contoso Production through the real pipeline', () => {
  it('the connect result shows 137 assets and the breakdown the rules give on the fixtures', async () => {
    const w = coreWorld({ connector: engine() });
    const { result, connection } = await connectThrough(w, form);
    const prod = emu.world.subscriptions.find((s) => s.subscriptionId === C.subscriptionId);
    if (!prod || !connection) throw new Error('no production');
    const expected = { critical: 0, high: 0, medium: 0, low: 0, informational: 0 };
    for (const f of evaluate(prod)) expected[f.severity] += 1;
    expect(result?.kind).toBe('result');
    const view = result?.kind === 'result' ? result.view : undefined;
    expect(JSON.stringify(view)).toContain('137');
    expect(view?.findings?.cells).toEqual(severityCells(expected));
    for (const s of ['critical', 'high', 'medium', 'low', 'informational'] as const)
      expect(expected[s]).toBeGreaterThan(0);
    expect(connection.findings).toEqual(expected);
    expect(connection.syncPartial ?? []).toEqual([]);
  }, 30_000);

  it('every planted insecure setting is a finding of the catalogue severity, named in `findings`; twins have none', async () => {
    const w = coreWorld({ connector: engine() });
    const { connection } = await connectThrough(w, form);
    if (!connection) throw new Error('not connected');
    const open = await w.store.findings.listOpen(connection.workspaceId, connection.id, {
      offset: 0,
      limit: 10_000,
    });
    for (const p of PLANTED_FINDINGS) {
      const f = open.items.find(
        (x) => x.ruleId === p.rule && x.resourceId.toLowerCase() === p.resource.id.toLowerCase(),
      );
      expect({ rule: p.rule, resource: p.resource.name, severity: f?.severity }).toEqual({
        rule: p.rule,
        resource: p.resource.name,
        severity: p.severity,
      });
    }
    for (const twin of SECURE_TWINS)
      expect(open.items.filter((x) => x.resourceId.toLowerCase() === twin.id.toLowerCase())).toEqual([]);

    // What a person reads: every page of `findings`, each planted one by its rule title and resource name.
    const seen: string[] = [];
    let next: Invocation | undefined = { verb: 'findings', args: { name: 'Production' } };
    while (next) {
      const v = report(await runCommand(w.core, w.ctx(), next));
      for (const item of v.sections[0]?.items ?? []) {
        const check = item.lines.find((l) => l.startsWith('Check: '))?.slice('Check: '.length);
        seen.push(`${check} @ ${item.lines[0]}`);
      }
      next = v.actions.find((a) => a.label === 'More')?.run;
    }
    expect(seen).toHaveLength(open.total);
    expect(new Set(seen).size).toBe(open.total);
    const title = (id: string) => RULES.find((r) => r.id === id)?.title;
    for (const p of PLANTED_FINDINGS) {
      const name = p.resource.name.split('/').pop() ?? '';
      expect(seen.some((s) => s.startsWith(`${title(p.rule)} @ ${name} · `))).toBe(true);
    }
    // A custom role is named by its roleName, not its GUID; subscription checks say so.
    expect(seen).toContain(
      `${title('iam-custom-owner-role')} @ Contoso Break-Glass Operator · Role definitions`,
    );
    expect(seen.some((s) => / @ .+ · subscription-wide$/.test(s))).toBe(true);
    expect(seen.filter((s) => / · Subscriptions$/.test(s))).toEqual([]);
  }, 30_000);
});

describe('a provider that answers 500 throughout', () => {
  it('makes the sync partial, names what is missing, and resolves none of its findings', async () => {
    const w = coreWorld({ connector: engine() });
    const { connection } = await connectThrough(w, form);
    if (!connection) throw new Error('not connected');
    const sqlOpen = async () =>
      (
        await w.store.findings.listOpen(connection.workspaceId, connection.id, { offset: 0, limit: 10_000 })
      ).items
        .filter((f) => f.resourceType.toLowerCase().startsWith('microsoft.sql/'))
        .map((f) => `${f.ruleId}|${f.resourceName}`)
        .sort();
    const before = await sqlOpen();
    expect(before).toContain(`sql-firewall-allows-all-internet|${P.sqlOpenToWorld.name}`);

    emu.faults.add({ path: '/providers/Microsoft.Sql/', status: 500 });
    const summary = synced(await syncConnection(w.core, connection.workspaceId, connection.id, 'manual'));
    expect(summary?.partial).toEqual(
      expect.arrayContaining([
        'SQL servers: firewall rules (HTTP 500)',
        'SQL servers: auditing settings (HTTP 500)',
      ]),
    );
    expect(
      summary?.resolved.filter((f) => f.resourceType.toLowerCase().startsWith('microsoft.sql/')),
    ).toEqual([]);
    expect(summary?.resolved).toEqual([]);
    expect(await sqlOpen()).toEqual(before);
    expect(summary?.inventory.total).toBe(137);
    const stored = await w.store.connections.get(connection.workspaceId, connection.id);
    expect(stored?.findings).toEqual(connection.findings);

    emu.faults.clear();
    const healed = synced(await syncConnection(w.core, connection.workspaceId, connection.id, 'manual'));
    expect(healed?.partial).toEqual([]);
    expect(healed?.opened).toEqual([]);
    expect(healed?.resolved).toEqual([]);
  }, 30_000);
});

describe('a stored connection whose secret was revoked', () => {
  it('fails its sync at sign-in, as a wrong secret (not as an outage)', async () => {
    const app = emu.world.apps.find((a) => a.appId === C.clientId);
    if (!app) throw new Error('no app');
    const secrets = app.secrets;
    app.secrets = [];
    try {
      const err = await engine()
        .sync(C, { plan: planFor(RULES), sink: { resource: () => {}, subscription: () => {} } })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StageFailure);
      expect((err as StageFailure).result).toMatchObject({ stage: 'signin', code: 'secret_invalid' });
    } finally {
      app.secrets = secrets;
    }
  });
});

describe('a 10,000-resource subscription', () => {
  let big: Emulator;
  beforeAll(async () => {
    const world = sampleWorld();
    const dev = world.subscriptions.find((s) => s.subscriptionId === DEV);
    if (!dev) throw new Error('sample world changed');
    dev.resources = generateResources({ subscriptionId: DEV, count: 10_000, seed: 10, insecureRatio: 0.3 });
    dev.roleAssignments.push({
      principalId: SAMPLE.apps.connector.principalId,
      roleDefinitionId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    });
    big = await startTestEmulator({ world, throttle: false });
  });
  afterAll(() => big.close());

  it('costs resource pages + Resource Graph pages + one read per needed sub-resource of a covered parent + a few', async () => {
    const plan = planFor(RULES);
    const dev = big.world.subscriptions.find((s) => s.subscriptionId === DEV);
    if (!dev) throw new Error('no dev');
    const covered = dev.resources.filter(
      (r) =>
        plan.types.includes(r.type.toLowerCase()) ||
        r.type.toLowerCase() === 'microsoft.insights/activitylogalerts',
    );
    const childReads = covered.reduce((n, r) => n + (plan.children[r.type.toLowerCase()]?.length ?? 0), 0);
    const resourcePages = Math.ceil(dev.resources.length / 1000);
    const graphPages = Math.ceil(covered.length / 1000);

    const evaluator = new PostureEvaluator(RULES);
    const e = new AzureEngine({ endpoints: endpointsOf(big), policy: fast });
    big.clearRequests();
    const read = await e.sync(
      { ...C, subscriptionId: DEV },
      {
        plan,
        sink: {
          resource: (r) => evaluator.resource(r),
          subscription: (f) => evaluator.subscription(f, 'dev'),
        },
      },
    );
    const arm = big.countRequests({ service: 'arm' }) + big.countRequests({ service: 'resource-graph' });
    expect(read.missing).toEqual([]);
    expect(read.inventory.total).toBe(10_000);
    // Every covered resource judged once, plus the Defender plans and custom roles (listed, not resources).
    expect(evaluator.judged).toBe(
      covered.filter((r) => r.type.toLowerCase() !== 'microsoft.insights/activitylogalerts').length +
        (dev.pricings ?? DEFENDER_PLANS).length +
        [...Object.values(BUILTIN_ROLES), ...(dev.customRoles ?? [])].filter((r) => r.type === 'CustomRole')
          .length,
    );
    // Subscription-wide: Defender plans, custom roles, security contacts, diagnostic settings.
    const constant = 4;
    expect(arm).toBeLessThanOrEqual(resourcePages + graphPages + childReads + constant);
    expect(arm).toBeGreaterThanOrEqual(resourcePages + graphPages + childReads);
    expect(big.countRequests({ service: 'resource-graph' })).toBe(graphPages);
    // Never one request per resource: a GET by id is only ever for a sub-resource the rules need.
    const childPath =
      /\/(blobServices\/default|transparentDataEncryption\/current|config\/web|keys|administrators|auditingSettings\/default|firewallRules|configurations)\?/i;
    expect(big.countRequests({ service: 'arm', path: childPath })).toBe(childReads);
  }, 120_000);
});
