/** Generated relational databases: Azure SQL servers and databases, PostgreSQL and MySQL flexible servers. */

import { MYSQL_DEFAULT_PARAMETERS, POSTGRES_DEFAULT_PARAMETERS } from './azure-defaults';
import type { Rng } from './prng';
import {
  type BuildContext,
  GENERATED_TENANT_ID,
  pastDate,
  providerId,
  type ResourceTemplate,
} from './resource-template';
import type { ArmItem } from './world';

const CITIES = ['Seattle', 'Dublin', 'London', 'Singapore', 'Paris'];

/** An office's public /24. */
function officeRule(rng: Rng): ArmItem {
  const a = 20 + rng.int(150);
  const b = rng.int(256);
  const cc = rng.int(256);
  return {
    name: `Office-${rng.pick(CITIES)}`,
    properties: { startIpAddress: `${a}.${b}.${cc}.0`, endIpAddress: `${a}.${b}.${cc}.255` },
  };
}

const rangeRule = (name: string, start: string, end: string): ArmItem => ({
  name,
  properties: { startIpAddress: start, endIpAddress: end },
});

/** The rules that open a server to every internet address: one 0–255 rule, or two halves. */
function wholeInternet(rng: Rng): ArmItem[] {
  return rng.chance(0.75)
    ? [rangeRule(rng.pick(['AllowAll', 'AllowAllIps', 'any']), '0.0.0.0', '255.255.255.255')]
    : [
        rangeRule('AllowAll-Low', '0.0.0.0', '127.255.255.255'),
        rangeRule('AllowAll-High', '128.0.0.0', '255.255.255.255'),
      ];
}

/** Firewall rules of a server with public access: an office range, maybe "Allow Azure services". */
function firewallRules(c: BuildContext, open: boolean, azure: boolean): ArmItem[] {
  const rules = [officeRule(c.rng)];
  if (azure) rules.push(rangeRule('AllowAllWindowsAzureIps', '0.0.0.0', '0.0.0.0'));
  if (open) rules.push(...wholeInternet(c.rng));
  return rules;
}

export const sqlServer: ResourceTemplate = {
  type: 'Microsoft.Sql/servers',
  weight: 5,
  name: (n, rng) => `sql-${n.toString(36)}-${rng.hex(4)}`,
  knobs: ['oldTls', 'publicAccess', 'openFirewall', 'noAuditing', 'noEntraAdmin'],
  build: (c) => {
    const open = c.bad('openFirewall');
    const isPublic = open || c.bad('publicAccess') || c.rng.chance(0.4);
    const admin = !c.bad('noEntraAdmin');
    const sid = c.rng.guid();
    const login = c.rng.pick(['sql-admins', 'dba-team', 'platform-dbas']);
    const properties: Record<string, unknown> = {
      administratorLogin: 'sqladmin',
      version: '12.0',
      state: 'Ready',
      fullyQualifiedDomainName: `${c.name}.database.windows.net`,
      privateEndpointConnections: [],
      minimalTlsVersion: c.bad('oldTls') ? c.rng.pick(['1.0', '1.1', 'None']) : '1.2',
      publicNetworkAccess: isPublic ? 'Enabled' : 'Disabled',
      restrictOutboundNetworkAccess: 'Disabled',
    };
    if (admin) {
      properties['administrators'] = {
        administratorType: 'ActiveDirectory',
        principalType: 'Group',
        login,
        sid,
        tenantId: GENERATED_TENANT_ID,
        azureADOnlyAuthentication: c.rng.chance(0.5),
      };
    }
    const auditing = !c.bad('noAuditing');
    return {
      kind: 'v12.0',
      properties,
      children: {
        firewallRules: isPublic ? firewallRules(c, open, c.rng.chance(0.5)) : [],
        'auditingSettings/default': {
          properties: {
            retentionDays: auditing ? 90 : 0,
            auditActionsAndGroups: auditing
              ? [
                  'SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP',
                  'FAILED_DATABASE_AUTHENTICATION_GROUP',
                  'BATCH_COMPLETED_GROUP',
                ]
              : [],
            isStorageSecondaryKeyInUse: false,
            isAzureMonitorTargetEnabled: auditing,
            isManagedIdentityInUse: false,
            state: auditing ? 'Enabled' : 'Disabled',
            storageAccountSubscriptionId: '00000000-0000-0000-0000-000000000000',
          },
        },
        administrators: admin
          ? [
              {
                name: 'ActiveDirectory',
                properties: {
                  administratorType: 'ActiveDirectory',
                  login,
                  sid,
                  tenantId: GENERATED_TENANT_ID,
                },
              },
            ]
          : [],
      },
    };
  },
};

const DB_NAMES = ['orders', 'customers', 'inventory', 'billing', 'analytics', 'catalog', 'identity', 'audit'];

export const sqlDatabase: ResourceTemplate = {
  type: 'Microsoft.Sql/servers/databases',
  weight: 9,
  parentType: 'Microsoft.Sql/servers',
  // Every server has a master database; ARM lists it like any other.
  childName: (n, rng, siblings) => (siblings === 0 ? 'master' : `${rng.pick(DB_NAMES)}-${n.toString(36)}`),
  name: (n) => `db-${n.toString(36)}`,
  knobs: ['noTde'],
  build: (c) => {
    const master = c.name === 'master';
    const sku = master
      ? { name: 'System', tier: 'System', capacity: 0 }
      : c.rng.pick([
          { name: 'Standard', tier: 'Standard', capacity: 10 },
          { name: 'GP_S_Gen5', tier: 'GeneralPurpose', family: 'Gen5', capacity: 2 },
          { name: 'Basic', tier: 'Basic', capacity: 5 },
        ]);
    return {
      kind: master ? 'v12.0,system' : 'v12.0,user,vcore',
      sku,
      properties: {
        collation: 'SQL_Latin1_General_CP1_CI_AS',
        maxSizeBytes: master ? 32212254720 : c.rng.pick([2147483648, 34359738368, 268435456000]),
        status: 'Online',
        databaseId: c.rng.guid(),
        creationDate: pastDate(c.rng),
        currentServiceObjectiveName: sku.name,
        requestedServiceObjectiveName: sku.name,
        catalogCollation: 'SQL_Latin1_General_CP1_CI_AS',
        zoneRedundant: false,
        readScale: 'Disabled',
        currentSku: sku,
        currentBackupStorageRedundancy: 'Geo',
        requestedBackupStorageRedundancy: 'Geo',
        isLedgerOn: false,
      },
      children: {
        // TDE cannot be turned on for master; user databases have it unless someone turned it off.
        'transparentDataEncryption/current': {
          properties: { state: master || c.bad('noTde') ? 'Disabled' : 'Enabled' },
        },
      },
    };
  },
};

/** A flexible server's network block: public (firewall rules apply) or VNet-integrated. */
function flexibleNetwork(c: BuildContext, isPublic: boolean, dnsZone: string): Record<string, unknown> {
  return isPublic
    ? { publicNetworkAccess: 'Enabled' }
    : {
        publicNetworkAccess: 'Disabled',
        delegatedSubnetResourceId: providerId(
          c,
          `Microsoft.Network/virtualNetworks/vnet-data/subnets/${c.name}`,
        ),
        privateDnsZoneArmResourceId: providerId(c, `Microsoft.Network/privateDnsZones/${c.name}.${dnsZone}`),
      };
}

/** Server parameters with `require_secure_transport` set as the knob says. */
function parameters(defaults: ArmItem[], secure: boolean, off: string): ArmItem[] {
  return defaults.map((p) => {
    if (secure || p.name !== 'require_secure_transport') return p;
    return { ...p, properties: { ...p.properties, value: off, source: 'user-override' } };
  });
}

export const postgresFlexibleServer: ResourceTemplate = {
  type: 'Microsoft.DBforPostgreSQL/flexibleServers',
  weight: 2,
  name: (n, rng) => `psql-${rng.pick(['orders', 'billing', 'events', 'users'])}-${n.toString(36)}`,
  knobs: ['noSsl', 'azureServices', 'openFirewall'],
  build: (c) => {
    const open = c.bad('openFirewall');
    const azure = c.bad('azureServices');
    const isPublic = open || azure || c.rng.chance(0.4);
    return {
      sku: {
        name: c.rng.pick(['Standard_B1ms', 'Standard_D2ds_v5', 'Standard_D4ds_v5']),
        tier: 'GeneralPurpose',
      },
      properties: {
        administratorLogin: 'pgadmin',
        version: c.rng.pick(['14', '15', '16']),
        state: 'Ready',
        fullyQualifiedDomainName: `${c.name}.postgres.database.azure.com`,
        storage: { storageSizeGB: c.rng.pick([32, 128, 512]), autoGrow: 'Disabled', tier: 'P10' },
        authConfig: {
          activeDirectoryAuth: 'Enabled',
          passwordAuth: 'Enabled',
          tenantId: GENERATED_TENANT_ID,
        },
        dataEncryption: { type: 'SystemManaged' },
        backup: {
          backupRetentionDays: 7,
          geoRedundantBackup: 'Disabled',
          earliestRestoreDate: pastDate(c.rng, 7),
        },
        network: flexibleNetwork(c, isPublic, 'private.postgres.database.azure.com'),
        highAvailability: { mode: 'Disabled', state: 'NotEnabled' },
        availabilityZone: '1',
        replicationRole: 'Primary',
      },
      children: {
        configurations: parameters(POSTGRES_DEFAULT_PARAMETERS(), !c.bad('noSsl'), 'off'),
        firewallRules: isPublic ? firewallRules(c, open, azure) : [],
      },
    };
  },
};

export const mysqlFlexibleServer: ResourceTemplate = {
  type: 'Microsoft.DBforMySQL/flexibleServers',
  weight: 1,
  name: (n, rng) => `mysql-${rng.pick(['crm', 'shop', 'cms', 'legacy'])}-${n.toString(36)}`,
  knobs: ['noSsl', 'openFirewall'],
  build: (c) => {
    const open = c.bad('openFirewall');
    const isPublic = open || c.rng.chance(0.4);
    return {
      sku: { name: c.rng.pick(['Standard_B1ms', 'Standard_D2ds_v4']), tier: 'GeneralPurpose' },
      properties: {
        administratorLogin: 'mysqladmin',
        version: c.rng.pick(['8.0.21', '5.7']),
        state: 'Ready',
        fullyQualifiedDomainName: `${c.name}.mysql.database.azure.com`,
        storage: { storageSizeGB: c.rng.pick([20, 64, 256]), iops: 360, autoGrow: 'Enabled' },
        backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' },
        network: flexibleNetwork(c, isPublic, 'private.mysql.database.azure.com'),
        highAvailability: { mode: 'Disabled', state: 'NotEnabled' },
        replicationRole: 'None',
      },
      children: {
        configurations: parameters(MYSQL_DEFAULT_PARAMETERS(), !c.bad('noSsl'), 'OFF'),
        firewallRules: isPublic ? firewallRules(c, open, c.rng.chance(0.3)) : [],
      },
    };
  },
};
