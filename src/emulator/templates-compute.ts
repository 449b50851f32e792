/** Generated compute: virtual machines, managed disks, web apps, AKS clusters. */

import {
  type BuildContext,
  type BuiltResource,
  GENERATED_TENANT_ID,
  pastDate,
  providerId,
  type ResourceTemplate,
  systemIdentity,
} from './resource-template';

export const virtualMachine: ResourceTemplate = {
  type: 'Microsoft.Compute/virtualMachines',
  weight: 10,
  name: (n, rng) => `vm-${rng.pick(['web', 'api', 'worker', 'jump', 'db', 'build'])}-${n.toString(36)}`,
  knobs: ['passwordAuth', 'unmanagedDisk'],
  build: (c) => {
    const linux = c.rng.chance(0.7);
    const osDisk: Record<string, unknown> = {
      osType: linux ? 'Linux' : 'Windows',
      name: `${c.name}_OsDisk_1_${c.rng.hex(32)}`,
      createOption: 'FromImage',
      caching: 'ReadWrite',
      diskSizeGB: linux ? 30 : 127,
    };
    if (c.bad('unmanagedDisk')) {
      osDisk['vhd'] = { uri: `https://stvhd${c.rng.hex(8)}.blob.core.windows.net/vhds/${c.name}.vhd` };
    } else {
      osDisk['managedDisk'] = {
        storageAccountType: c.rng.pick(['Premium_LRS', 'StandardSSD_LRS']),
        id: providerId(c, `Microsoft.Compute/disks/${String(osDisk['name'])}`),
      };
    }
    const osProfile: Record<string, unknown> = { computerName: c.name, adminUsername: 'azureuser' };
    if (linux) {
      osProfile['linuxConfiguration'] = {
        disablePasswordAuthentication: !c.bad('passwordAuth'),
        provisionVMAgent: true,
      };
    } else {
      osProfile['windowsConfiguration'] = {
        provisionVMAgent: true,
        enableAutomaticUpdates: !c.bad('passwordAuth'),
      };
    }
    return {
      properties: {
        vmId: c.rng.guid(),
        provisioningState: 'Succeeded',
        timeCreated: pastDate(c.rng),
        hardwareProfile: {
          vmSize: c.rng.pick(['Standard_B2s', 'Standard_D2s_v5', 'Standard_D4s_v5', 'Standard_E4s_v5']),
        },
        storageProfile: {
          imageReference: linux
            ? {
                publisher: 'Canonical',
                offer: '0001-com-ubuntu-server-jammy',
                sku: '22_04-lts-gen2',
                version: 'latest',
              }
            : {
                publisher: 'MicrosoftWindowsServer',
                offer: 'WindowsServer',
                sku: '2022-datacenter-azure-edition',
                version: 'latest',
              },
          osDisk,
          dataDisks: [],
        },
        osProfile,
        networkProfile: {
          networkInterfaces: [{ id: providerId(c, `Microsoft.Network/networkInterfaces/${c.name}-nic`) }],
        },
        diagnosticsProfile: { bootDiagnostics: { enabled: true } },
      },
    };
  },
};

export const managedDisk: ResourceTemplate = {
  type: 'Microsoft.Compute/disks',
  weight: 11,
  name: (n, rng) => `disk-${n.toString(36)}-${rng.hex(4)}`,
  knobs: ['openNetwork', 'unattached'],
  build: (c) => {
    const size = c.rng.pick([32, 64, 128, 256, 512, 1024]);
    return {
      sku: c.rng.pick([
        { name: 'Premium_LRS', tier: 'Premium' },
        { name: 'StandardSSD_LRS', tier: 'Standard' },
        { name: 'Standard_LRS', tier: 'Standard' },
      ]),
      properties: {
        creationData: { createOption: 'Empty' },
        diskSizeGB: size,
        diskSizeBytes: size * 1024 ** 3,
        diskState: c.bad('unattached') ? 'Unattached' : 'Attached',
        provisioningState: 'Succeeded',
        timeCreated: pastDate(c.rng),
        uniqueId: c.rng.guid(),
        encryption: { type: 'EncryptionAtRestWithPlatformKey' },
        networkAccessPolicy: c.bad('openNetwork') ? 'AllowAll' : 'DenyAll',
        publicNetworkAccess: c.bad('openNetwork') ? 'Enabled' : 'Disabled',
      },
    };
  },
};

export const webApp: ResourceTemplate = {
  type: 'Microsoft.Web/sites',
  weight: 8,
  name: (n, rng) => `app-${rng.pick(['portal', 'api', 'shop', 'admin', 'func'])}-${n.toString(36)}`,
  knobs: ['httpAllowed', 'noIdentity', 'noClientCert', 'ftpAllowed', 'oldTls'],
  build: (c) => {
    const kind = c.rng.pick(['app', 'app,linux', 'functionapp']);
    const linux = kind.includes('linux');
    const built: BuiltResource = {
      kind,
      properties: {
        state: 'Running',
        enabled: true,
        defaultHostName: `${c.name}.azurewebsites.net`,
        hostNames: [`${c.name}.azurewebsites.net`],
        httpsOnly: !c.bad('httpAllowed'),
        clientCertEnabled: !c.bad('noClientCert'),
        publicNetworkAccess: 'Enabled',
        serverFarmId: providerId(c, `Microsoft.Web/serverfarms/asp-${c.resourceGroup}`),
        reserved: linux,
        siteConfig: null,
      },
      children: { 'config/web': webConfig(c, linux) },
    };
    if (!c.bad('noIdentity')) built.identity = systemIdentity(c.rng, GENERATED_TENANT_ID);
    return built;
  },
};

/** `config/web` of a generated site: TLS and FTP as the knobs say, the rest as the platform sets it. */
function webConfig(c: BuildContext, linux: boolean) {
  return {
    name: 'web',
    location: c.location,
    properties: {
      numberOfWorkers: 1,
      defaultDocuments: ['Default.htm', 'Default.html', 'index.html', 'hostingstart.html'],
      netFrameworkVersion: linux ? 'v4.0' : c.rng.pick(['v4.0', 'v8.0']),
      linuxFxVersion: linux ? c.rng.pick(['NODE|20-lts', 'PYTHON|3.12', 'DOTNETCORE|8.0']) : '',
      requestTracingEnabled: false,
      remoteDebuggingEnabled: false,
      httpLoggingEnabled: c.rng.chance(0.5),
      detailedErrorLoggingEnabled: false,
      publishingUsername: `$${c.name}`,
      scmType: c.rng.pick(['None', 'GitHubAction', 'VSTSRM']),
      use32BitWorkerProcess: !linux,
      webSocketsEnabled: false,
      alwaysOn: c.rng.chance(0.7),
      managedPipelineMode: 'Integrated',
      loadBalancing: 'LeastRequests',
      autoHealEnabled: false,
      vnetRouteAllEnabled: c.rng.chance(0.3),
      http20Enabled: c.rng.chance(0.8),
      minTlsVersion: c.bad('oldTls') ? c.rng.pick(['1.0', '1.1']) : c.rng.pick(['1.2', '1.2', '1.3']),
      scmMinTlsVersion: '1.2',
      ftpsState: c.bad('ftpAllowed') ? 'AllAllowed' : c.rng.pick(['FtpsOnly', 'Disabled']),
      ipSecurityRestrictions: [
        {
          ipAddress: 'Any',
          action: 'Allow',
          priority: 2147483647,
          name: 'Allow all',
          description: 'Allow all access',
        },
      ],
      scmIpSecurityRestrictionsUseMain: false,
      publicNetworkAccess: null,
    },
  };
}

export const managedCluster: ResourceTemplate = {
  type: 'Microsoft.ContainerService/managedClusters',
  weight: 3,
  name: (n, rng) => `aks-${rng.pick(['prod', 'stage', 'dev'])}-${n.toString(36)}`,
  knobs: ['localAccounts', 'publicApi', 'noNetworkPolicy'],
  build: (c) => ({
    sku: { name: 'Base', tier: c.rng.pick(['Free', 'Standard']) },
    identity: systemIdentity(c.rng, GENERATED_TENANT_ID),
    properties: {
      provisioningState: 'Succeeded',
      powerState: { code: 'Running' },
      kubernetesVersion: c.rng.pick(['1.29.9', '1.30.5', '1.31.2']),
      dnsPrefix: c.name,
      fqdn: `${c.name}-${c.rng.hex(8)}.hcp.${c.location}.azmk8s.io`,
      enableRBAC: true,
      disableLocalAccounts: !c.bad('localAccounts'),
      aadProfile: { managed: true, enableAzureRBAC: true, tenantID: GENERATED_TENANT_ID },
      apiServerAccessProfile: { enablePrivateCluster: !c.bad('publicApi') },
      networkProfile: {
        networkPlugin: 'azure',
        networkPolicy: c.bad('noNetworkPolicy') ? null : 'azure',
        loadBalancerSku: 'standard',
      },
      agentPoolProfiles: [
        { name: 'system', count: 3, vmSize: 'Standard_D4s_v5', mode: 'System', osType: 'Linux' },
      ],
      nodeResourceGroup: `MC_${c.resourceGroup}_${c.name}_${c.location}`,
    },
  }),
};
