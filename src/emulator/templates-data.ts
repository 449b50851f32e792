/** Generated data services: storage accounts, key vaults, SQL servers, Cosmos DB, container registries. */

import { GENERATED_TENANT_ID, pastDate, providerId, type ResourceTemplate } from './resource-template';

const compact = (prefix: string, n: number, suffix: string): string =>
  `${prefix}${n.toString(36)}${suffix}`.toLowerCase().slice(0, 24);

export const storageAccount: ResourceTemplate = {
  type: 'Microsoft.Storage/storageAccounts',
  weight: 14,
  name: (n, rng) => compact('st', n, rng.hex(6)),
  knobs: ['publicBlob', 'httpOnly', 'oldTls', 'openNetwork', 'sharedKey', 'crossTenant', 'noInfraEncryption'],
  build: (c) => {
    const open = c.bad('openNetwork');
    return {
      kind: 'StorageV2',
      sku: c.rng.pick([
        { name: 'Standard_LRS', tier: 'Standard' },
        { name: 'Standard_GRS', tier: 'Standard' },
        { name: 'Standard_ZRS', tier: 'Standard' },
      ]),
      properties: {
        provisioningState: 'Succeeded',
        creationTime: pastDate(c.rng),
        primaryLocation: c.location,
        statusOfPrimary: 'available',
        accessTier: 'Hot',
        allowBlobPublicAccess: c.bad('publicBlob'),
        supportsHttpsTrafficOnly: !c.bad('httpOnly'),
        minimumTlsVersion: c.bad('oldTls') ? c.rng.pick(['TLS1_0', 'TLS1_1']) : 'TLS1_2',
        publicNetworkAccess: open ? 'Enabled' : 'Disabled',
        networkAcls: {
          bypass: 'AzureServices',
          defaultAction: open ? 'Allow' : 'Deny',
          ipRules: [],
          virtualNetworkRules: [],
        },
        allowSharedKeyAccess: c.bad('sharedKey'),
        allowCrossTenantReplication: c.bad('crossTenant'),
        encryption: {
          keySource: 'Microsoft.Storage',
          requireInfrastructureEncryption: !c.bad('noInfraEncryption'),
          services: {
            blob: { enabled: true, keyType: 'Account' },
            file: { enabled: true, keyType: 'Account' },
          },
        },
        primaryEndpoints: {
          blob: `https://${c.name}.blob.core.windows.net/`,
          file: `https://${c.name}.file.core.windows.net/`,
          queue: `https://${c.name}.queue.core.windows.net/`,
          table: `https://${c.name}.table.core.windows.net/`,
        },
      },
    };
  },
};

export const keyVault: ResourceTemplate = {
  type: 'Microsoft.KeyVault/vaults',
  weight: 6,
  name: (n, rng) => `kv-${n.toString(36)}-${rng.hex(4)}`,
  knobs: ['noSoftDelete', 'noPurgeProtection', 'accessPolicies', 'noPrivateEndpoint'],
  build: (c) => {
    const props: Record<string, unknown> = {
      sku: { family: 'A', name: c.rng.pick(['standard', 'premium']) },
      tenantId: GENERATED_TENANT_ID,
      vaultUri: `https://${c.name}.vault.azure.net/`,
      provisioningState: 'Succeeded',
      enableSoftDelete: !c.bad('noSoftDelete'),
      softDeleteRetentionInDays: 90,
      enableRbacAuthorization: !c.bad('accessPolicies'),
      accessPolicies: [],
      publicNetworkAccess: c.bad('noPrivateEndpoint') ? 'Enabled' : 'Disabled',
      networkAcls: { bypass: 'AzureServices', defaultAction: c.bad('noPrivateEndpoint') ? 'Allow' : 'Deny' },
      privateEndpointConnections: c.bad('noPrivateEndpoint')
        ? []
        : [
            {
              id: `${c.id}/privateEndpointConnections/pe-${c.name}`,
              properties: {
                privateEndpoint: { id: providerId(c, `Microsoft.Network/privateEndpoints/pe-${c.name}`) },
                privateLinkServiceConnectionState: { status: 'Approved', actionsRequired: 'None' },
                provisioningState: 'Succeeded',
              },
            },
          ],
    };
    // Azure omits enablePurgeProtection until it has been turned on.
    if (!c.bad('noPurgeProtection')) props['enablePurgeProtection'] = true;
    return { properties: props };
  },
};

export const sqlServer: ResourceTemplate = {
  type: 'Microsoft.Sql/servers',
  weight: 5,
  name: (n, rng) => `sql-${n.toString(36)}-${rng.hex(4)}`,
  knobs: ['oldTls', 'publicAccess'],
  build: (c) => ({
    kind: 'v12.0',
    properties: {
      administratorLogin: 'sqladmin',
      version: '12.0',
      state: 'Ready',
      fullyQualifiedDomainName: `${c.name}.database.windows.net`,
      minimalTlsVersion: c.bad('oldTls') ? c.rng.pick(['1.0', '1.1']) : '1.2',
      publicNetworkAccess: c.bad('publicAccess') ? 'Enabled' : 'Disabled',
      restrictOutboundNetworkAccess: 'Disabled',
      privateEndpointConnections: [],
    },
  }),
};

export const cosmosAccount: ResourceTemplate = {
  type: 'Microsoft.DocumentDB/databaseAccounts',
  weight: 4,
  name: (n, rng) => `cosmos-${n.toString(36)}-${rng.hex(4)}`,
  knobs: ['localAuth', 'openFirewall'],
  build: (c) => {
    const open = c.bad('openFirewall');
    return {
      kind: 'GlobalDocumentDB',
      properties: {
        provisioningState: 'Succeeded',
        documentEndpoint: `https://${c.name}.documents.azure.com:443/`,
        databaseAccountOfferType: 'Standard',
        disableLocalAuth: !c.bad('localAuth'),
        publicNetworkAccess: open ? 'Enabled' : 'Disabled',
        isVirtualNetworkFilterEnabled: !open,
        ipRules: open ? [] : [{ ipAddressOrRange: `20.${c.rng.int(255)}.${c.rng.int(255)}.0/24` }],
        virtualNetworkRules: [],
        minimalTlsVersion: 'Tls12',
        consistencyPolicy: {
          defaultConsistencyLevel: 'Session',
          maxIntervalInSeconds: 5,
          maxStalenessPrefix: 100,
        },
        locations: [{ locationName: c.location, failoverPriority: 0, isZoneRedundant: false }],
      },
    };
  },
};

export const containerRegistry: ResourceTemplate = {
  type: 'Microsoft.ContainerRegistry/registries',
  weight: 3,
  name: (n, rng) => compact('acr', n, rng.hex(6)),
  knobs: ['adminUser', 'anonymousPull'],
  build: (c) => {
    const tier = c.rng.pick(['Basic', 'Standard', 'Premium']);
    return {
      sku: { name: tier, tier },
      properties: {
        loginServer: `${c.name}.azurecr.io`,
        creationDate: pastDate(c.rng),
        provisioningState: 'Succeeded',
        adminUserEnabled: c.bad('adminUser'),
        anonymousPullEnabled: c.bad('anonymousPull'),
        publicNetworkAccess: 'Enabled',
        networkRuleBypassOptions: 'AzureServices',
        zoneRedundancy: 'Disabled',
      },
    };
  },
};
