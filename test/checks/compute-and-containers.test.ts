import { rule as aksLocal } from '../../src/checks/aks/aks-local-accounts-disabled';
import { rule as diskAccess } from '../../src/checks/compute/disk-public-network-access';
import { rule as sshKeyOnly } from '../../src/checks/compute/vm-linux-ssh-key-only';
import { rule as managedDisks } from '../../src/checks/compute/vm-managed-disks';
import { rule as acrAdmin } from '../../src/checks/containerregistry/containerregistry-admin-user-disabled';
import { rule as cosmosLocalAuth } from '../../src/checks/cosmosdb/cosmosdb-local-auth-disabled';
import { rule as cosmosNetworks } from '../../src/checks/cosmosdb/cosmosdb-selected-networks';
import { judgeOne, reasonOf, resource, TYPES } from './fixtures';
import { describeResourceRules } from './rule-cases';

const linuxVm = (
  linuxConfiguration: Record<string, unknown> | undefined,
  osDisk: Record<string, unknown> = {},
) =>
  resource(TYPES.vm, 'vm-web-1', {
    storageProfile: {
      osDisk: { osType: 'Linux', name: 'vm-web-1_OsDisk', managedDisk: { id: 'd' }, ...osDisk },
      dataDisks: [],
    },
    osProfile: {
      computerName: 'vm-web-1',
      adminUsername: 'azureuser',
      ...(linuxConfiguration ? { linuxConfiguration } : {}),
    },
  });
const windowsVm = () =>
  resource(TYPES.vm, 'vm-win-1', {
    storageProfile: { osDisk: { osType: 'Windows', managedDisk: { id: 'd' } } },
    osProfile: { computerName: 'vm-win-1', windowsConfiguration: { provisionVMAgent: true } },
  });
const cosmos = (props: Record<string, unknown>) =>
  resource(
    TYPES.cosmos,
    'cosmos-catalog',
    { publicNetworkAccess: 'Enabled', ...props },
    { kind: 'GlobalDocumentDB' },
  );

describeResourceRules([
  {
    rule: cosmosLocalAuth,
    pass: cosmos({ disableLocalAuth: true }),
    fail: cosmos({ disableLocalAuth: false }),
    reason: /disableLocalAuth is not true/,
  },
  {
    rule: cosmosNetworks,
    pass: cosmos({ isVirtualNetworkFilterEnabled: false, ipRules: [{ ipAddressOrRange: '203.0.113.0/24' }] }),
    fail: cosmos({ isVirtualNetworkFilterEnabled: false, ipRules: [] }),
    reason: /accepts traffic from all networks/,
  },
  {
    rule: acrAdmin,
    pass: resource(TYPES.registry, 'acrshop', { adminUserEnabled: false }),
    fail: resource(TYPES.registry, 'acrshop', { adminUserEnabled: true }),
    reason: /shared admin user enabled/,
  },
  {
    rule: aksLocal,
    pass: resource(TYPES.aks, 'aks-prod', { disableLocalAccounts: true }),
    fail: resource(TYPES.aks, 'aks-prod', { disableLocalAccounts: false }),
    reason: /disableLocalAccounts is not true/,
  },
  {
    rule: sshKeyOnly,
    pass: linuxVm({ disablePasswordAuthentication: true }),
    fail: linuxVm({ disablePasswordAuthentication: false }),
    reason: /disablePasswordAuthentication is not true/,
  },
  {
    rule: managedDisks,
    pass: linuxVm({ disablePasswordAuthentication: true }),
    fail: linuxVm(
      {},
      { managedDisk: undefined, vhd: { uri: 'https://st.blob.core.windows.net/vhds/os.vhd' } },
    ),
    reason: /unmanaged \(VHD\) disks: vm-web-1_OsDisk/,
  },
  {
    rule: diskAccess,
    pass: resource(TYPES.disk, 'disk-data-1', { networkAccessPolicy: 'DenyAll' }),
    fail: resource(TYPES.disk, 'disk-data-1', {
      networkAccessPolicy: 'AllowAll',
      publicNetworkAccess: 'Enabled',
    }),
    reason: /networkAccessPolicy is AllowAll/,
  },
]);

describe('virtual machines', () => {
  it('does not judge Windows VMs for SSH passwords', () => {
    expect(judgeOne(sshKeyOnly, windowsVm()).status).toBe('not_applicable');
  });

  it('is not applicable to a VM without osProfile (specialized disk)', () => {
    const vm = resource(TYPES.vm, 'vm-restored', {
      storageProfile: { osDisk: { osType: 'Linux', managedDisk: {} } },
    });
    expect(judgeOne(sshKeyOnly, vm).status).toBe('not_applicable');
  });

  it('fails a Linux VM whose linuxConfiguration omits the setting (passwords allowed by default)', () => {
    expect(judgeOne(sshKeyOnly, linuxVm({ provisionVMAgent: true })).status).toBe('fail');
  });

  it('recognises Linux by linuxConfiguration when osType is missing, and reads "True"', () => {
    const vm = resource(TYPES.vm, 'vm-x', {
      osProfile: { linuxConfiguration: { disablePasswordAuthentication: 'True' } },
    });
    expect(judgeOne(sshKeyOnly, vm).status).toBe('pass');
  });

  it('fails an unmanaged data disk and is not applicable without an OS disk', () => {
    const vm = resource(TYPES.vm, 'vm-data', {
      storageProfile: {
        osDisk: { managedDisk: { id: 'd' } },
        dataDisks: [{ name: 'data0', vhd: { uri: 'https://x/y.vhd' } }],
      },
    });
    expect(reasonOf(judgeOne(managedDisks, vm))).toContain('data0');
    expect(judgeOne(managedDisks, resource(TYPES.vm, 'vm-empty', {})).status).toBe('not_applicable');
  });
});

describe('disks, registries, clusters and Cosmos DB defaults', () => {
  it('treats a missing disk policy as AllowAll unless public access is disabled', () => {
    expect(judgeOne(diskAccess, resource(TYPES.disk, 'd', {})).status).toBe('fail');
    expect(judgeOne(diskAccess, resource(TYPES.disk, 'd', { publicNetworkAccess: 'Disabled' })).status).toBe(
      'pass',
    );
    expect(
      judgeOne(diskAccess, resource(TYPES.disk, 'd', { networkAccessPolicy: 'allowprivate' })).status,
    ).toBe('pass');
  });

  it('passes a registry that does not mention the admin user; fails a cluster that does not mention local accounts', () => {
    expect(judgeOne(acrAdmin, resource(TYPES.registry, 'acr', {})).status).toBe('pass');
    expect(judgeOne(aksLocal, resource(TYPES.aks, 'aks', {})).status).toBe('fail');
  });

  it('passes Cosmos DB accounts closed to the public or filtered by VNet', () => {
    expect(judgeOne(cosmosNetworks, cosmos({ publicNetworkAccess: 'DISABLED' })).status).toBe('pass');
    expect(judgeOne(cosmosNetworks, cosmos({ isVirtualNetworkFilterEnabled: true })).status).toBe('pass');
  });

  it('fails a Cosmos DB IP rule of 0.0.0.0/0', () => {
    expect(
      reasonOf(judgeOne(cosmosNetworks, cosmos({ ipRules: [{ ipAddressOrRange: '0.0.0.0/0' }] }))),
    ).toContain('firewall allows 0.0.0.0/0');
  });
});
