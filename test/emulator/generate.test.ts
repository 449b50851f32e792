import { BUILTIN_ROLES, generateResources, SAMPLE, sampleWorld } from '../../src/emulator';
import { GENERATED_TYPES } from '../../src/emulator/generate';

const SUB = '11111111-2222-4333-8444-555555555555';

describe('generateResources', () => {
  it('is deterministic for a spec and seed, and varies with the seed', () => {
    const a = generateResources({ subscriptionId: SUB, count: 300, seed: 42 });
    const b = generateResources({ subscriptionId: SUB, count: 300, seed: 42 });
    const c = generateResources({ subscriptionId: SUB, count: 300, seed: 43 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('makes 50,000 resources quickly with unique ARM ids', () => {
    const started = process.hrtime.bigint();
    const list = generateResources({ subscriptionId: SUB, count: 50_000, seed: 1 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.info(`generateResources(50,000): ${ms.toFixed(0)} ms`);
    expect(list).toHaveLength(50_000);
    expect(new Set(list.map((r) => r.id.toLowerCase())).size).toBe(50_000);
    const idPattern = new RegExp(
      `^/subscriptions/${SUB}/resourceGroups/rg-\\d+/providers/[A-Za-z.]+/[A-Za-z]+/[^/]+(/[A-Za-z]+/[^/]+)?$`,
    );
    // A nested resource (a SQL database) is named `server/db`, its id `…/servers/server/databases/db`.
    const idOf = (r: (typeof list)[number]) => {
      const [ns, ...types] = r.type.split('/');
      const names = r.name.split('/');
      return `/providers/${ns}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`;
    };
    expect(list.every((r) => idPattern.test(r.id) && r.id.endsWith(idOf(r)))).toBe(true);
    expect(new Set(list.map((r) => r.type))).toEqual(new Set(GENERATED_TYPES));
    // Six regions, and `Global` for activity-log alerts.
    expect(new Set(list.map((r) => r.location)).size).toBe(7);
    expect(
      list.filter((r) => r.location === 'Global').every((r) => r.type.includes('activityLogAlerts')),
    ).toBe(true);
    expect(ms).toBeLessThan(3000);
  });

  it('spreads resources over the requested resource groups', () => {
    const list = generateResources({ subscriptionId: SUB, count: 500, resourceGroups: 7 });
    const groups = new Set(list.map((r) => r.id.split('/')[4]));
    expect([...groups].sort()).toEqual(['rg-1', 'rg-2', 'rg-3', 'rg-4', 'rg-5', 'rg-6', 'rg-7']);
  });

  type Resource = ReturnType<typeof generateResources>[number];
  const blobService = (r: Resource) =>
    (r.children?.['blobServices/default'] as { properties: Record<string, { enabled: boolean }> } | undefined)
      ?.properties ?? {};
  const insecureStorage = (r: Resource) => {
    const p = r.properties;
    const days = (p['keyPolicy'] as { keyExpirationPeriodInDays?: number } | undefined)
      ?.keyExpirationPeriodInDays;
    return (
      p['allowBlobPublicAccess'] === true ||
      p['supportsHttpsTrafficOnly'] === false ||
      p['minimumTlsVersion'] !== 'TLS1_2' ||
      (p['networkAcls'] as { defaultAction: string }).defaultAction === 'Allow' ||
      (p['networkAcls'] as { bypass: string }).bypass === 'None' ||
      p['allowSharedKeyAccess'] === true ||
      p['allowCrossTenantReplication'] === true ||
      (p['encryption'] as { requireInfrastructureEncryption: boolean }).requireInfrastructureEncryption ===
        false ||
      days === undefined ||
      days > 90 ||
      !blobService(r)['deleteRetentionPolicy']?.enabled ||
      !blobService(r)['containerDeleteRetentionPolicy']?.enabled
    );
  };

  // An inbound Allow from the internet on a management, web or UDP port, or on every port.
  const openNsg = (r: Resource) =>
    (r.properties['securityRules'] as { name: string; properties: Record<string, unknown> }[]).some(
      (rule) => {
        const p = rule.properties;
        const ports = [p['destinationPortRange'], ...(p['destinationPortRanges'] as string[])].map(String);
        const exposed =
          p['protocol'] === 'Udp' ||
          ports.some((x) => ['22', '3389', '80', '*', '3380-3390', '80-8080'].includes(x));
        return (
          p['access'] === 'Allow' &&
          p['direction'] === 'Inbound' &&
          exposed &&
          ['*', 'Internet', '0.0.0.0/0'].includes(String(p['sourceAddressPrefix'])) &&
          // A legacy RDP allow that an earlier deny shadows (secure NSGs may have one) does not count.
          rule.name !== 'Allow-RDP-Legacy'
        );
      },
    );

  it('follows insecureRatio: 0 makes everything secure, 1 makes every checkable resource insecure', () => {
    const secure = generateResources({ subscriptionId: SUB, count: 2000, insecureRatio: 0 });
    const insecure = generateResources({ subscriptionId: SUB, count: 2000, insecureRatio: 1 });
    const of = (list: typeof secure, type: string) => list.filter((r) => r.type === type);
    expect(of(secure, 'Microsoft.Storage/storageAccounts').some(insecureStorage)).toBe(false);
    expect(of(insecure, 'Microsoft.Storage/storageAccounts').every(insecureStorage)).toBe(true);
    expect(of(secure, 'Microsoft.Network/networkSecurityGroups').some(openNsg)).toBe(false);
    expect(of(insecure, 'Microsoft.Network/networkSecurityGroups').every(openNsg)).toBe(true);
    const vms = of(insecure, 'Microsoft.Compute/virtualMachines');
    expect(vms.length).toBeGreaterThan(0);
  });

  it('keeps a share of insecure resources near the ratio', () => {
    const list = generateResources({ subscriptionId: SUB, count: 5000, insecureRatio: 0.25 });
    const storage = list.filter((r) => r.type === 'Microsoft.Storage/storageAccounts');
    const share = storage.filter((r) => insecureStorage(r)).length / storage.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.32);
  });
});

describe('sampleWorld', () => {
  it('has Contoso Production with exactly 137 resources and the credential sets wired as described', () => {
    const world = sampleWorld();
    const prod = world.subscriptions.find((s) => s.subscriptionId === SAMPLE.subscriptions.production.id);
    expect(prod?.displayName).toBe('Contoso Production');
    expect(prod?.resources).toHaveLength(137);
    expect(JSON.stringify(sampleWorld().subscriptions[0]?.resources)).toBe(JSON.stringify(prod?.resources));

    const roleOf = (clientId: string) => {
      const app = world.apps.find((a) => a.appId === clientId);
      return prod?.roleAssignments
        .filter((r) => r.principalId === app?.principalId)
        .map((r) => r.roleDefinitionId);
    };
    const C = SAMPLE.credentials;
    expect(roleOf(C.good.clientId)).toEqual([BUILTIN_ROLES.reader.id]);
    expect(roleOf(C.owner.clientId)).toEqual([BUILTIN_ROLES.owner.id]);
    expect(roleOf(C.noReader.clientId)).toEqual([]);
    expect(roleOf(C.readlessRole.clientId)).toEqual([BUILTIN_ROLES.tagWriter.id]);
    expect(world.apps.find((a) => a.appId === C.noGraph.clientId)?.graphReadAll).toBe(false);
    const fabrikamSub = world.subscriptions.find(
      (s) => s.subscriptionId === C.otherTenantSubscription.subscriptionId,
    );
    expect(fabrikamSub?.tenantId).toBe(SAMPLE.tenants.fabrikam.id);
    expect(world.subscriptions.some((s) => s.subscriptionId === C.unknownSubscription.subscriptionId)).toBe(
      false,
    );
    expect(world.tenants.some((t) => t.id === C.unknownTenant.tenantId)).toBe(false);
  });

  it('makes secret expiry relative to now, with secret values in the real shape', () => {
    const now = Date.UTC(2030, 0, 1);
    const world = sampleWorld(now);
    const secretOf = (value: string) => world.apps.flatMap((a) => a.secrets).find((s) => s.value === value);
    const days = (value: string) => (Date.parse(secretOf(value)?.endDateTime ?? '') - now) / 86_400_000;
    expect(days(SAMPLE.credentials.good.clientSecret)).toBe(200);
    expect(days(SAMPLE.credentials.expiringSoon.clientSecret)).toBe(5);
    expect(days(SAMPLE.credentials.expiredSecret.clientSecret)).toBeLessThan(0);
    for (const s of world.apps.flatMap((a) => a.secrets))
      expect(s.value).toMatch(/^[A-Za-z0-9]{3}\dQ~[A-Za-z0-9_.~-]{34}$/);
  });
});
