/**
 * Contoso Production as the demo and the acceptance tests see it: 137 resources, the planted named
 * resources with their insecure and secure settings, and a severity breakdown from the rule pack;
 * and the generator's fixtures agreeing with the rules.
 */

import { RULES } from '../../src/checks';
import {
  type EmulatedResource,
  GENERATED_TYPES,
  generateResources,
  generateSubscriptionSettings,
  SAMPLE,
  type Subscription,
  sampleWorld,
} from '../../src/emulator';
import { bySeverity, evaluate } from './posture';

const P = SAMPLE.planted;
const prodOf = (): Subscription => {
  const sub = sampleWorld().subscriptions.find(
    (s) => s.subscriptionId === SAMPLE.subscriptions.production.id,
  );
  if (!sub) throw new Error('no production subscription');
  return sub;
};

describe('Contoso Production', () => {
  const prod = prodOf();
  const byId = new Map(prod.resources.map((r) => [r.id, r]));
  const get = (p: { id: string }): EmulatedResource => {
    const r = byId.get(p.id);
    if (!r) throw new Error(`planted resource missing: ${p.id}`);
    return r;
  };

  it('has 137 resources, unique ids, the same every time, top types in their usual order', () => {
    expect(prod.resources).toHaveLength(137);
    expect(SAMPLE.subscriptions.production.resourceCount).toBe(137);
    expect(byId.size).toBe(137);
    expect(JSON.stringify(prodOf())).toBe(JSON.stringify(prod));
    const counts = new Map<string, number>();
    for (const r of prod.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 7);
    expect(top.map(([t]) => t)).toEqual([
      'Microsoft.Storage/storageAccounts',
      'Microsoft.Network/networkSecurityGroups',
      'Microsoft.Network/publicIPAddresses',
      'Microsoft.Compute/disks',
      'Microsoft.Network/virtualNetworks',
      'Microsoft.Compute/virtualMachines',
      'Microsoft.KeyVault/vaults',
    ]);
    expect(new Set(top.map(([, n]) => n)).size).toBe(7);
  });

  it('holds every planted resource under its id, type and name', () => {
    for (const p of Object.values(P)) {
      const r = get(p);
      expect([r.type, r.name, r.id.split('/')[4]]).toEqual([p.type, p.name, p.resourceGroup]);
    }
  });

  it('plants each insecure setting next to a secure twin', () => {
    expect(get(P.storagePublicBlobs).properties['allowBlobPublicAccess']).toBe(true);
    expect(get(P.storagePrivateBlobs).properties['allowBlobPublicAccess']).toBe(false);

    const rules = (r: EmulatedResource) =>
      r.properties['securityRules'] as { name: string; properties: Record<string, unknown> }[];
    const mgmt = rules(get(P.nsgOpenMgmt)).find((r) => r.name === 'Allow-Mgmt-Internet')?.properties;
    expect(mgmt).toMatchObject({
      access: 'Allow',
      sourceAddressPrefix: '*',
      destinationPortRanges: ['3389', '5985-5986'],
    });
    expect(mgmt?.['destinationPortRange']).toBeUndefined();
    expect(rules(get(P.nsgOpenMgmt)).find((r) => r.name === 'Allow-SSH-Internet')?.properties).toMatchObject({
      sourceAddressPrefix: 'Internet',
      destinationPortRange: '22',
    });
    const locked = rules(get(P.nsgLocked));
    const deny = locked.find((r) => r.name === 'Deny-RDP-Internet')?.properties;
    const allow = locked.find((r) => r.name === 'Allow-RDP-Legacy')?.properties;
    expect(deny).toMatchObject({ access: 'Deny', destinationPortRange: '3389' });
    expect(allow).toMatchObject({
      access: 'Allow',
      destinationPortRange: '3389',
      sourceAddressPrefix: 'Internet',
    });
    expect(Number(deny?.['priority'])).toBeLessThan(Number(allow?.['priority']));

    expect(get(P.sqlOpenToWorld).children?.['firewallRules']).toContainEqual({
      name: 'AllowAll',
      properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' },
    });
    expect(get(P.sqlPrivate).properties['publicNetworkAccess']).toBe('Disabled');
    expect(get(P.keyVaultNoPurge).properties['enablePurgeProtection']).toBeUndefined();
    expect(get(P.keyVaultProtected).properties['enablePurgeProtection']).toBe(true);
    expect(get(P.appHttpAllowed).properties['httpsOnly']).toBe(false);
    expect(get(P.appHttpsOnly).properties['httpsOnly']).toBe(true);
    expect(get(P.acrAdminOn).properties['adminUserEnabled']).toBe(true);
    expect(get(P.acrAdminOff).properties['adminUserEnabled']).toBe(false);
  });

  it('has Network Watchers in only some of the regions in use', () => {
    const watched = prod.resources
      .filter((r) => r.type === 'Microsoft.Network/networkWatchers')
      .map((r) => r.location);
    expect(watched.sort()).toEqual([...SAMPLE.watchedRegions].sort());
    const used = new Set(prod.resources.map((r) => r.location).filter((l) => l !== 'Global'));
    expect([...used].filter((l) => !watched.includes(l)).length).toBeGreaterThan(0);
  });

  it('gives the rule pack findings of every severity it has, with the planted ones where expected', () => {
    const findings = evaluate(prod);
    const counts = bySeverity(findings);
    expect(counts.critical).toBeGreaterThan(0);
    expect(counts.high).toBeGreaterThan(0);
    expect(counts.medium).toBeGreaterThan(0);
    expect(counts.low).toBeGreaterThan(0);
    expect(counts.informational).toBeGreaterThan(0);
    const on = (p: { id: string }) =>
      findings
        .filter((f) => f.id === p.id)
        .map((f) => f.rule)
        .sort();
    expect(on(P.storagePublicBlobs)).toEqual([
      'storage-default-network-action-deny',
      'storage-public-blob-access',
      'storage-public-network-access',
    ]);
    expect(on(P.storageLegacy)).toEqual([
      'storage-geo-redundancy',
      'storage-infrastructure-encryption',
      'storage-key-expiration-policy',
      'storage-minimum-tls-version',
    ]);
    expect(on(P.nsgOpenMgmt)).toEqual(['nsg-rdp-open-to-internet', 'nsg-ssh-open-to-internet']);
    expect(on(P.sqlOpenToWorld)).toEqual(['sql-firewall-allows-all-internet']);
    expect(on(P.keyVaultNoPurge)).toEqual(['keyvault-recoverable']);
    expect(on(P.appHttpAllowed)).toEqual(['appservice-https-only']);
    expect(on(P.acrAdminOn)).toEqual(['containerregistry-admin-user-disabled']);
    expect(on(P.postgresAzureServices)).toEqual(['postgresql-allow-azure-services']);
    expect(on(P.mysqlNoSecureTransport)).toEqual(['mysql-require-secure-transport']);
    for (const twin of [
      P.storagePrivateBlobs,
      P.nsgLocked,
      P.sqlPrivate,
      P.sqlPrivateDatabase,
      P.sqlOpenToWorldDatabase,
      P.keyVaultProtected,
      P.appHttpsOnly,
      P.acrAdminOff,
    ])
      expect(on(twin)).toEqual([]);

    const subscriptionRules = findings.filter((f) => f.resource === 'subscription').map((f) => f.rule);
    expect(subscriptionRules).toEqual(
      expect.arrayContaining([
        'network-watcher-all-regions',
        'monitor-alert-nsg-delete',
        'monitor-alert-sql-firewall-write',
      ]),
    );
    expect(subscriptionRules).not.toContain('monitor-alert-nsg-write');
    expect(subscriptionRules).not.toContain('defender-security-contact-alerts');
    expect(subscriptionRules).not.toContain('monitor-activity-log-diagnostic-setting');
    const plans = findings.filter((f) => f.rule === 'defender-plan-standard-tier').map((f) => f.resource);
    expect(plans.sort()).toEqual(['CosmosDbs', 'KeyVaults', 'OpenSourceRelationalDatabases']);
    expect(findings.filter((f) => f.rule === 'iam-custom-owner-role').map((f) => f.resource)).toEqual([
      SAMPLE.customRoles.breakGlass.id,
    ]);
  });
});

describe('generated fixtures and the rule pack agree', () => {
  const SUB = '11111111-2222-4333-8444-555555555555';
  const resourceRules = RULES.filter((r) => r.scope === 'resource');

  it('insecureRatio 0: no resource fails any rule', () => {
    const sub: Subscription = {
      subscriptionId: SUB,
      tenantId: SAMPLE.tenants.contoso.id,
      displayName: 'secure',
      state: 'Enabled',
      roleAssignments: [],
      resources: generateResources({ subscriptionId: SUB, count: 3000, seed: 9, insecureRatio: 0 }),
      ...generateSubscriptionSettings({ subscriptionId: SUB, insecureRatio: 0 }),
    };
    // Alerts and watchers come and go with the draw; the settings rules must pass.
    const settingsRules = ['defender-security-contact-alerts', 'monitor-activity-log-diagnostic-setting'];
    const failed = evaluate(sub).filter(
      (f) => f.resource !== 'subscription' || settingsRules.includes(f.rule),
    );
    expect(failed.map((f) => `${f.rule}: ${f.reason}`)).toEqual([]);
  });

  it('with insecure resources, every resource rule on a generated type fails somewhere', () => {
    const sub: Subscription = {
      subscriptionId: SUB,
      tenantId: SAMPLE.tenants.contoso.id,
      displayName: 'mixed',
      state: 'Enabled',
      roleAssignments: [],
      resources: generateResources({ subscriptionId: SUB, count: 5000, seed: 4, insecureRatio: 0.5 }),
      ...generateSubscriptionSettings({ subscriptionId: SUB, insecureRatio: 1 }),
    };
    const failing = new Set(evaluate(sub).map((f) => f.rule));
    const generated = new Set([
      ...GENERATED_TYPES.map((t) => t.toLowerCase()),
      'microsoft.security/pricings',
      'microsoft.authorization/roledefinitions',
    ]);
    const covered = resourceRules.filter((r) => generated.has(r.resourceType.toLowerCase())).map((r) => r.id);
    expect(covered.length).toBe(resourceRules.length);
    expect(covered.filter((id) => !failing.has(id))).toEqual([]);
  });
});
