/**
 * What Contoso Production plants on purpose: each insecure resource next to its secure twin (one
 * story each), the regions with a Network Watcher and the custom roles; by name and id, for the
 * demo, the tests and sample-production.ts, which builds them.
 */

import { SUBSCRIPTIONS } from './sample-directory';

export const PROD = SUBSCRIPTIONS.production.id;
export const SUB = `/subscriptions/${PROD}`;

export interface PlantedResource {
  name: string;
  id: string;
  type: string;
  resourceGroup: string;
  /** What is wrong with it (empty for a secure twin). */
  insecure: string;
}

function planted(type: string, resourceGroup: string, name: string, insecure = ''): PlantedResource {
  return {
    name,
    id: `${SUB}/resourceGroups/${resourceGroup}/providers/${type}/${name}`,
    type,
    resourceGroup,
    insecure,
  };
}

/** A nested resource (a SQL database): id below its parent's, named `parent/child` as resources.list does. */
function nested(parent: PlantedResource, collection: string, name: string, insecure = ''): PlantedResource {
  return {
    name: `${parent.name}/${name}`,
    id: `${parent.id}/${collection}/${name}`,
    type: `${parent.type}/${collection}`,
    resourceGroup: parent.resourceGroup,
    insecure,
  };
}

const SQL_OPEN = planted(
  'Microsoft.Sql/servers',
  'rg-prod-data',
  'sql-open-to-world',
  'firewall rule 0.0.0.0–255.255.255.255',
);
const SQL_PRIVATE = planted('Microsoft.Sql/servers', 'rg-prod-data', 'sql-private');

export const DATA = 'rg-prod-data';
const WEB = 'rg-prod-web';
const NET = 'rg-prod-network';
export const MON = 'rg-prod-monitoring';
export const WATCHERS = 'NetworkWatcherRG';

const STORAGE = 'Microsoft.Storage/storageAccounts';
export const NSG = 'Microsoft.Network/networkSecurityGroups';
const KV = 'Microsoft.KeyVault/vaults';
const SITE = 'Microsoft.Web/sites';
const ACR = 'Microsoft.ContainerRegistry/registries';
export const ALERT = 'Microsoft.Insights/activityLogAlerts';

/** The planted resources of Contoso Production, by role; ids as resources.list spells them. */
export const PLANTED = {
  storagePublicBlobs: planted(
    STORAGE,
    DATA,
    'stpublicblobs',
    'allowBlobPublicAccess true, open to all networks',
  ),
  storagePrivateBlobs: planted(STORAGE, DATA, 'stprivateblobs'),
  storageLegacy: planted(
    STORAGE,
    DATA,
    'stlegacyarchive',
    'no infrastructure encryption, no key expiration policy, minimumTlsVersion TLS1_0, one region only (LRS/ZRS)',
  ),
  nsgOpenMgmt: planted(
    NSG,
    NET,
    'nsg-open-mgmt',
    'SSH (22) and RDP (3389 via destinationPortRanges) open to the internet',
  ),
  nsgLocked: planted(NSG, NET, 'nsg-locked'),
  sqlOpenToWorld: SQL_OPEN,
  sqlOpenToWorldDatabase: nested(SQL_OPEN, 'databases', 'orders'),
  sqlPrivate: SQL_PRIVATE,
  sqlPrivateDatabase: nested(SQL_PRIVATE, 'databases', 'customers'),
  keyVaultNoPurge: planted(KV, DATA, 'kv-no-purge', 'purge protection off'),
  keyVaultProtected: planted(KV, DATA, 'kv-protected'),
  appHttpAllowed: planted(SITE, WEB, 'app-http-allowed', 'httpsOnly false'),
  appHttpsOnly: planted(SITE, WEB, 'app-https-only'),
  acrAdminOn: planted(ACR, WEB, 'acr-admin-on', 'admin user enabled'),
  acrAdminOff: planted(ACR, WEB, 'acr-admin-off'),
  postgresAzureServices: planted(
    'Microsoft.DBforPostgreSQL/flexibleServers',
    DATA,
    'psql-billing',
    'firewall admits every Azure service (0.0.0.0–0.0.0.0)',
  ),
  mysqlNoSecureTransport: planted(
    'Microsoft.DBforMySQL/flexibleServers',
    DATA,
    'mysql-legacy-crm',
    'require_secure_transport OFF',
  ),
  alertNsgWrite: planted(ALERT, MON, 'alert-nsg-write'),
  alertNsgDelete: planted(ALERT, MON, 'alert-nsg-delete', 'disabled'),
  alertSqlFirewall: planted(ALERT, MON, 'alert-sql-firewall', `scoped to resource group ${DATA} only`),
  alertPolicyChanges: planted(ALERT, MON, 'alert-policy-changes'),
  alertSecuritySolutions: planted(ALERT, MON, 'alert-security-solutions'),
} as const;

/** Regions with a Network Watcher; the filler also uses regions without one (a finding). */
export const WATCHED_REGIONS = ['westeurope', 'eastus', 'northeurope'] as const;

/** Contoso's custom roles: one allows every action at the subscription (a finding), one does not. */
export const CUSTOM_ROLES = {
  breakGlass: { id: 'a3b9c1d2-4e5f-4a6b-8c7d-9e0f1a2b3c4d', roleName: 'Contoso Break-Glass Operator' },
  vmOperator: { id: '5d1e2f3a-6b7c-4d8e-9f0a-1b2c3d4e5f60', roleName: 'Contoso VM Operator' },
} as const;
