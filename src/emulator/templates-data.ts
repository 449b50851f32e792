/** Generated data services: storage accounts, key vaults, Cosmos DB, container registries. */

import {
  type BuildContext,
  futureSeconds,
  GENERATED_TENANT_ID,
  pastDate,
  pastSeconds,
  providerId,
  type ResourceTemplate,
} from './resource-template';
import type { ArmItem } from './world';

export const compact = (prefix: string, n: number, suffix: string): string =>
  `${prefix}${n.toString(36)}${suffix}`.toLowerCase().slice(0, 24);

export const storageAccount: ResourceTemplate = {
  type: 'Microsoft.Storage/storageAccounts',
  weight: 14,
  name: (n, rng) => compact('st', n, rng.hex(6)),
  knobs: [
    'publicBlob',
    'httpOnly',
    'oldTls',
    'openNetwork',
    'sharedKey',
    'crossTenant',
    'noInfraEncryption',
    'noKeyPolicy',
    'noSoftDelete',
    'noTrustedServices',
    'singleRegion',
  ],
  build: (c) => {
    const open = c.bad('openNetwork');
    const created = pastDate(c.rng);
    const sku = c.rng.pick(c.bad('singleRegion') ? SINGLE_REGION_SKUS : GEO_SKUS);
    const properties: Record<string, unknown> = {
      provisioningState: 'Succeeded',
      creationTime: created,
      primaryLocation: c.location,
      statusOfPrimary: 'available',
      accessTier: 'Hot',
      allowBlobPublicAccess: c.bad('publicBlob'),
      supportsHttpsTrafficOnly: !c.bad('httpOnly'),
      minimumTlsVersion: c.bad('oldTls') ? c.rng.pick(['TLS1_0', 'TLS1_1']) : 'TLS1_2',
      publicNetworkAccess: open ? 'Enabled' : 'Disabled',
      networkAcls: {
        bypass: c.bad('noTrustedServices') ? 'None' : c.rng.pick(['AzureServices', 'AzureServices, Logging']),
        defaultAction: open ? 'Allow' : 'Deny',
        ipRules: [],
        virtualNetworkRules: [],
      },
      allowSharedKeyAccess: c.bad('sharedKey'),
      allowCrossTenantReplication: c.bad('crossTenant'),
      keyCreationTime: { key1: created, key2: created },
      encryption: {
        keySource: 'Microsoft.Storage',
        requireInfrastructureEncryption: !c.bad('noInfraEncryption'),
        services: {
          blob: { enabled: true, keyType: 'Account', lastEnabledTime: created },
          file: { enabled: true, keyType: 'Account', lastEnabledTime: created },
        },
      },
      primaryEndpoints: {
        blob: `https://${c.name}.blob.core.windows.net/`,
        dfs: `https://${c.name}.dfs.core.windows.net/`,
        file: `https://${c.name}.file.core.windows.net/`,
        queue: `https://${c.name}.queue.core.windows.net/`,
        table: `https://${c.name}.table.core.windows.net/`,
        web: `https://${c.name}.z6.web.core.windows.net/`,
      },
    };
    // No key policy at all is the usual miss; a policy longer than 90 days is the other.
    if (!c.bad('noKeyPolicy'))
      properties['keyPolicy'] = { keyExpirationPeriodInDays: c.rng.pick([30, 60, 90]) };
    else if (c.rng.chance(0.3))
      properties['keyPolicy'] = { keyExpirationPeriodInDays: c.rng.pick([180, 365]) };
    const softDelete = !c.bad('noSoftDelete');
    const blobOff = !softDelete && c.rng.chance(0.5);
    const days = c.rng.pick([7, 14, 30]);
    return {
      kind: 'StorageV2',
      sku,
      properties,
      children: {
        'blobServices/default': {
          sku,
          properties: {
            cors: { corsRules: [] },
            deleteRetentionPolicy: blobOff
              ? { allowPermanentDelete: false, enabled: false }
              : { allowPermanentDelete: false, enabled: true, days },
            containerDeleteRetentionPolicy:
              softDelete || blobOff ? { enabled: true, days } : { enabled: false },
            isVersioningEnabled: softDelete && c.rng.chance(0.5),
            changeFeed: { enabled: false },
          },
        },
      },
    };
  },
};

const SINGLE_REGION_SKUS: readonly { name: string; tier: string }[] = [
  { name: 'Standard_LRS', tier: 'Standard' },
  { name: 'Standard_ZRS', tier: 'Standard' },
];
const GEO_SKUS: readonly { name: string; tier: string }[] = [
  { name: 'Standard_GRS', tier: 'Standard' },
  { name: 'Standard_RAGRS', tier: 'Standard' },
  { name: 'Standard_GZRS', tier: 'Standard' },
];

const KEY_NAMES = ['cmk-storage', 'cmk-sql', 'jwt-signing', 'backup-encryption', 'tls-wrap', 'app-data'];

/** Key Vault keys as the management plane lists them (`{vault}/keys`). */
function vaultKeys(c: BuildContext, recoveryLevel: string): ArmItem[] {
  let count = c.rng.int(4);
  if (c.bad('keyNoExpiry') && count === 0) count = 1;
  const keys: ArmItem[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${KEY_NAMES[(i + c.rng.int(KEY_NAMES.length)) % KEY_NAMES.length]}-${i + 1}`;
    const created = pastSeconds(c.rng);
    const enabled = i > 0 ? c.rng.chance(0.9) : true;
    const attributes: Record<string, unknown> = {
      enabled,
      created,
      updated: created,
      recoveryLevel,
      exportable: false,
    };
    // The first key lacks an expiry date on an insecure vault; a disabled key may lack one harmlessly.
    const noExp = (i === 0 && c.bad('keyNoExpiry')) || (!enabled && c.rng.chance(0.5));
    if (!noExp) attributes['exp'] = futureSeconds(c.rng);
    const version = c.rng.hex(32);
    keys.push({
      name,
      location: c.location,
      tags: {},
      properties: {
        attributes,
        kty: 'RSA',
        keySize: c.rng.pick([2048, 3072]),
        keyOps: ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'],
        keyUri: `https://${c.name}.vault.azure.net/keys/${name}`,
        keyUriWithVersion: `https://${c.name}.vault.azure.net/keys/${name}/${version}`,
      },
    });
  }
  return keys;
}

export const keyVault: ResourceTemplate = {
  type: 'Microsoft.KeyVault/vaults',
  weight: 6,
  name: (n, rng) => `kv-${n.toString(36)}-${rng.hex(4)}`,
  knobs: ['noSoftDelete', 'noPurgeProtection', 'accessPolicies', 'noPrivateEndpoint', 'keyNoExpiry'],
  build: (c) => {
    const purge = !c.bad('noPurgeProtection');
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
    if (purge) props['enablePurgeProtection'] = true;
    return {
      properties: props,
      children: { keys: vaultKeys(c, purge ? 'Recoverable' : 'Recoverable+Purgeable') },
    };
  },
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
