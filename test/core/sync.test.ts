/**
 * sync, assets and findings on the core alone (in-memory store, scripted Azure): what a sync
 * records and says, what a partial or failed sync leaves alone, and how findings page.
 */
import { rule as acrAdmin } from '../../src/checks/containerregistry/containerregistry-admin-user-disabled';
import { rule as kvRecoverable } from '../../src/checks/keyvault/keyvault-recoverable';
import { rule as sqlOpen } from '../../src/checks/sql/sql-firewall-allows-all-internet';
import { rule as geo } from '../../src/checks/storage/storage-geo-redundancy';
import { rule as infra } from '../../src/checks/storage/storage-infrastructure-encryption';
import { rule as tls } from '../../src/checks/storage/storage-minimum-tls-version';
import { rule as publicBlob } from '../../src/checks/storage/storage-public-blob-access';
import { runCommand, runText } from '../../src/core/commands/run';
import { stageError } from '../../src/core/error-catalogue';
import { StageFailure } from '../../src/core/errors';
import type { ResourceModel } from '../../src/core/posture/rule';
import type { Reply } from '../../src/core/reply';
import { startFollowUp } from '../../src/core/sync/job';
import type { Invocation, ReportView } from '../../src/core/views';
import { FAKE_INVENTORY } from '../fakes/fake-azure';
import { type CoreWorld, connectThrough, coreWorld, messageAt } from '../support/core-harness';

const RULES = [publicBlob, tls, infra, geo, acrAdmin, kvRecoverable, sqlOpen];
const SUB = '9531985d-5d9d-49f8-9818-e811892f902b';
const form = (name = 'Production', subscriptionId = SUB) => ({
  name,
  subscriptionId,
  clientId: 'f53d4330-cd3a-4a35-8a32-0e8a57d6dd21',
  tenantId: 'contoso.onmicrosoft.com',
  clientSecret: 'Abc8Q~core-sync-test-secret-0123456789abcdef',
});

const res = (
  type: string,
  name: string,
  properties: Record<string, unknown>,
  extra: Partial<ResourceModel> = {},
): ResourceModel => ({
  id: `/subscriptions/${SUB}/resourceGroups/rg-data/providers/${type}/${name}`,
  name,
  type,
  resourceGroup: 'rg-data',
  location: 'westeurope',
  properties,
  ...extra,
});
const STORAGE = 'Microsoft.Storage/storageAccounts';
const openStorage = res(
  STORAGE,
  'stpublic',
  { allowBlobPublicAccess: true, minimumTlsVersion: 'TLS1_0' },
  { sku: { name: 'Standard_LRS' } },
);
const safeStorage = res(
  STORAGE,
  'stsafe',
  {
    allowBlobPublicAccess: false,
    minimumTlsVersion: 'TLS1_2',
    encryption: { requireInfrastructureEncryption: true },
  },
  { sku: { name: 'Standard_GZRS' } },
);
const acrOn = res('Microsoft.ContainerRegistry/registries', 'acrprod', { adminUserEnabled: true });
const sqlWorld = res(
  'Microsoft.Sql/servers',
  'sql-orders',
  {},
  {
    children: {
      firewallRules: [
        { name: 'AllowAll', properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } },
      ],
    },
  },
);

function world(resources: ResourceModel[] = [openStorage, safeStorage, acrOn, sqlWorld], admins?: string[]) {
  const w = coreWorld({ rules: RULES, ...(admins ? { admins } : {}) });
  w.azure.resources = resources;
  return w;
}

async function connected(w: CoreWorld, name = 'Production') {
  const { connection } = await connectThrough(w, form(name));
  if (!connection) throw new Error('not connected');
  return connection;
}

/** Types `sync`, lets the channel start the follow-up, runs the job; the final reply. */
async function syncNow(w: CoreWorld, text = 'sync Production'): Promise<Reply> {
  const first = await runText(w.core, w.ctx(), text);
  if (!first.followUp) return first;
  await startFollowUp(w.core, first.followUp, messageAt(w, 'sync-1'));
  await w.jobs.runDue();
  const last = w.notifier.sent.at(-1);
  if (!last) throw new Error('nothing sent');
  return last.reply;
}

const report = (r: Reply): ReportView => {
  if (r.kind !== 'report') throw new Error(`expected a report, got ${r.kind}: ${JSON.stringify(r)}`);
  return r.view;
};
const fact = (v: ReportView, label: string) => v.facts.find((f) => f.label === label)?.value;
const counts = (v: ReportView) =>
  Object.fromEntries((v.findings?.cells ?? []).map((c) => [c.severity, c.count]));

describe('connect and sync record findings', () => {
  it('the connect result shows the severity breakdown of the first sync', async () => {
    const w = world();
    const { result } = await connectThrough(w, form());
    expect(result?.kind).toBe('result');
    const json = JSON.stringify(result);
    // stpublic: public blobs (high), TLS 1.0 (medium), no infra encryption (low), LRS (informational);
    // stsafe: nothing; acrprod: admin user (high); sql-orders: open to the world (critical).
    expect(json).toContain('Findings: 6');
    expect(
      result?.kind === 'result' && result.view.findings?.cells.map((c) => `${c.label} ${c.count}`),
    ).toEqual(['Critical 1', 'High 2', 'Medium 1', 'Low 1', 'Info 1']);
  });

  it('sync updates its message in place with what changed, new findings worst first', async () => {
    const w = world([safeStorage]);
    await connected(w);
    w.azure.resources = [safeStorage, openStorage, sqlWorld];
    w.azure.inventoryOf = () => ({ ...FAKE_INVENTORY, total: 139 });
    const v = report(await syncNow(w));
    expect(v.title).toBe('Production synced');
    expect(fact(v, 'Assets')).toBe('139 (+2)');
    expect(fact(v, 'New findings')).toBe('5');
    expect(fact(v, 'Resolved')).toBe('0');
    const listed = v.sections[0]?.items.map((i) => `${i.badge}: ${i.lines[0]}`);
    expect(listed).toEqual([
      'Critical: sql-orders · resource group rg-data',
      'High: stpublic · resource group rg-data',
      'Medium: stpublic · resource group rg-data',
      'Low: stpublic · resource group rg-data',
      'Info: stpublic · resource group rg-data',
    ]);
    expect(w.notifier.sent.at(-1)).toMatchObject({ op: 'update', final: true, to: { messageId: 'sync-1' } });
  });

  it('a fixed resource is resolved on the next sync and no longer listed', async () => {
    const w = world();
    await connected(w);
    w.azure.resources = [
      openStorage,
      safeStorage,
      { ...acrOn, properties: { adminUserEnabled: false } },
      sqlWorld,
    ];
    const v = report(await syncNow(w));
    expect(fact(v, 'Resolved')).toBe('1');
    expect(fact(v, 'New findings')).toBe('0');
    expect(counts(v)).toMatchObject({ critical: '1', high: '1' });
    const all = JSON.stringify(await runText(w.core, w.ctx(), 'findings Production'));
    expect(all).not.toContain('acrprod');
  });

  it('a partial sync says what is missing and resolves nothing it could not read', async () => {
    const w = world();
    await connected(w);
    // Storage properties unreadable this time: its resources never reach the rules.
    w.azure.resources = [acrOn, sqlWorld];
    w.azure.missing = [
      {
        part: 'Storage accounts: properties',
        detail: 'HTTP 500',
        types: ['microsoft.storage/storageaccounts'],
      },
    ];
    const v = report(await syncNow(w));
    expect(fact(v, 'Resolved')).toBe('0');
    expect(v.tone).toBe('warning');
    expect(v.notes.join(' ')).toBe(
      'This sync is partial: Storage accounts: properties (HTTP 500). What could not be read is not counted, and no finding of it is marked resolved.',
    );
    expect(counts(v)).toMatchObject({ critical: '1', high: '2', medium: '1', low: '1', informational: '1' });
    const assets = JSON.stringify(await runText(w.core, w.ctx(), 'assets'));
    expect(assets).toContain('This sync is partial: Storage accounts: properties (HTTP 500)');
  });

  it('a failed sync says why and leaves findings and counts as they were', async () => {
    const w = world();
    const before = await connected(w);
    w.azure.syncFails = () => {
      throw new StageFailure(stageError('sync', 'throttled', { subscriptionId: SUB }));
    };
    const r = await syncNow(w);
    expect(r).toMatchObject({ kind: 'message', view: { title: 'The sync failed', tone: 'bad' } });
    const after = await w.store.connections.get(before.workspaceId, before.id);
    expect(after?.findings).toEqual(before.findings);
    expect(after?.lastSyncAt).toBe(before.lastSyncAt);
    expect(
      (await w.store.findings.listOpen(before.workspaceId, before.id, { offset: 0, limit: 50 })).total,
    ).toBe(6);
  });

  it('a second sync while one runs is told so, and Azure is read once', async () => {
    const w = world();
    await connected(w);
    const first = await runText(w.core, w.ctx(), 'sync');
    const second = await runText(w.core, w.ctx(), 'sync');
    if (!first.followUp || !second.followUp) throw new Error('no follow-up');
    await startFollowUp(w.core, first.followUp, messageAt(w, 'a'));
    await startFollowUp(w.core, second.followUp, messageAt(w, 'b'));
    expect(w.notifier.sent.at(-1)).toMatchObject({
      to: { messageId: 'b' },
      reply: { view: { title: 'Already syncing' } },
    });
    await w.jobs.runDue();
    expect(w.azure.calls.filter((c) => c.method === 'sync')).toHaveLength(1);
  });

  it('only the creator or an admin may sync; anyone may read assets and findings', async () => {
    const w = world(undefined, ['ada']);
    await connected(w);
    const bob = w.ctx({ actor: 'bob' });
    expect(JSON.stringify(await runText(w.core, bob, 'sync Production'))).toMatch(/sync it/);
    expect((await runText(w.core, bob, 'assets Production')).kind).toBe('report');
    expect((await runText(w.core, bob, 'findings Production')).kind).toBe('report');
  });
});

describe('findings: worst first, a page at a time, never twice', () => {
  const many = Array.from({ length: 23 }, (_, i) =>
    res(
      STORAGE,
      `st${String(i).padStart(2, '0')}`,
      {
        allowBlobPublicAccess: i % 2 === 0,
        minimumTlsVersion: 'TLS1_2',
        encryption: { requireInfrastructureEncryption: i % 3 === 0 },
      },
      { sku: { name: 'Standard_GRS' } },
    ),
  );

  it('pages through every open finding once, in severity order, with a More action until the end', async () => {
    const w = world([...many, sqlWorld]);
    await connected(w);
    const seen: string[] = [];
    const badges: string[] = [];
    let next: Invocation | undefined = { verb: 'findings', args: { name: 'Production' } };
    let pages = 0;
    while (next) {
      const v = report(await runCommand(w.core, w.ctx(), next));
      pages += 1;
      // The breakdown heads the first page only.
      expect(v.findings !== undefined).toBe(pages === 1);
      for (const item of v.sections[0]?.items ?? []) {
        seen.push(`${item.title}|${item.lines[0]}`);
        badges.push(item.badge ?? '');
      }
      next = v.actions.find((a) => a.label === 'More')?.run;
      if (pages > 10) throw new Error('More never ends');
    }
    // 12 public (even i), 15 without infrastructure encryption (i % 3 != 0), 1 open SQL server.
    const expected = 12 + 15 + 1;
    expect(pages).toBe(3);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    const order = ['Critical', 'High', 'Medium', 'Low', 'Informational'];
    const ranks = badges.map((b) => order.indexOf(b));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('filters by severity, and says so when there is none at that severity', async () => {
    const w = world();
    await connected(w);
    const high = report(await runText(w.core, w.ctx(), 'findings Production high'));
    expect(high.title).toBe('Findings of Production: high');
    expect(high.sections[0]?.items.map((i) => i.lines[0])).toEqual([
      'acrprod · resource group rg-data',
      'stpublic · resource group rg-data',
    ]);
    w.azure.resources = [safeStorage];
    await syncNow(w);
    const none = report(await runText(w.core, w.ctx(), 'findings critical'));
    expect(none.sections[0]?.lines).toEqual([
      'No open critical findings: every rule passes at this severity.',
    ]);
    expect(none.tone).toBe('good');
  });

  it('every item says how to fix it: the portal step and the az command for that resource', async () => {
    const w = world([acrOn]);
    await connected(w);
    const [item] = report(await runText(w.core, w.ctx(), 'findings')).sections[0]?.items ?? [];
    // The item reads as what is wrong; the check's title (the passing state) comes after.
    expect(item?.title).toMatch(/admin/i);
    expect(item?.title).not.toBe(acrAdmin.title);
    expect(item?.lines).toContain(`Check: ${acrAdmin.title}`);
    expect(item?.lines).toContain(
      `Fix: ${acrAdmin.remediation.portal.map((x) => x.replace(/\.$/, '')).join(' → ')}`,
    );
    expect(item?.code).toBe('az acr update --name acrprod --admin-enabled false');
  });
});

describe('status shows the breakdown', () => {
  it('each row has the findings by severity, and says when the last sync was partial', async () => {
    const w = world();
    await connected(w);
    const findingsFact = async () => {
      const r = await runText(w.core, w.ctx(), 'status');
      if (r.kind !== 'status') throw new Error(r.kind);
      return r.view.rows[0]?.facts.find((f) => f.label === 'Findings')?.value;
    };
    expect(await findingsFact()).toBe('1 critical · 2 high · 1 medium · 1 low · 1 informational');
    w.azure.resources = [safeStorage];
    await syncNow(w);
    expect(await findingsFact()).toBe('none');
    w.azure.missing = [{ part: 'Key vaults: keys', detail: 'HTTP 500', children: [] }];
    await syncNow(w);
    expect(await findingsFact()).toBe('none (last sync partial)');
  });
});

describe('which connection', () => {
  it('with no name uses the only connection, and asks which when there are several', async () => {
    const w = world();
    await connected(w, 'Production');
    expect(report(await runText(w.core, w.ctx(), 'assets')).title).toBe('Assets of Production');
    await connected(w, 'Staging');
    const r = await runText(w.core, w.ctx(), 'findings');
    expect(r).toMatchObject({ kind: 'message', view: { title: 'Which connection?' } });
    expect(JSON.stringify(r)).toContain('Production, Staging');
  });

  it('a name that is not there: the near one suggested, else the names there are', async () => {
    const w = world();
    const says = async (cmd: string) => {
      const r = await runText(w.core, w.ctx(), cmd);
      if (r.kind !== 'message') throw new Error(r.kind);
      return r.view.text;
    };
    expect(await says('assets Prod')).toBe(
      'No connection named "Prod" here. None is connected yet: type /osto connect azure to connect one.',
    );
    await connected(w, 'Production');
    await connected(w, 'Staging');
    expect(await says('findings Prodution')).toBe(
      'No connection named "Prodution" here. Did you mean /osto findings Production?',
    );
    expect(await says('status Dev')).toBe(
      'No connection named "Dev" here. The connections here: Production, Staging.',
    );
  });

  it('assets shows totals and the top types, locations and resource groups', async () => {
    const w = world();
    await connected(w);
    const v = report(await runText(w.core, w.ctx(), 'assets Production'));
    expect(fact(v, 'Assets')).toBe('137');
    expect(v.sections.map((s) => s.heading)).toEqual(['Top resource types', 'Locations', 'Resource groups']);
    expect(v.sections[0]?.lines[0]).toBe('Storage accounts: 23');
    // Regions as the portal names them.
    expect(v.sections[1]?.lines).toEqual(['West Europe: 100', 'East US: 37']);
  });
});
