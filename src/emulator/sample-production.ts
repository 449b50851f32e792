/**
 * Contoso Production: 137 resources in resources.list, of which the planted, named ones below (an
 * insecure resource and its secure twin per story, for the demo and the acceptance tests), plus
 * generated filler; and the subscription's Defender plans, security contact, activity-log export
 * and custom roles. Every call makes fresh objects (tests mutate them).
 */

import { activityLogExport, customRole, generateResources } from './generate';
import { hashString, mulberry32, type Rng } from './prng';
import type { ResourceTemplate } from './resource-template';
import { SUBSCRIPTIONS } from './sample-directory';
import {
  ALERT,
  CUSTOM_ROLES,
  DATA,
  MON,
  NSG,
  PLANTED,
  type PlantedResource,
  PROD,
  SUB,
  WATCHED_REGIONS,
  WATCHERS,
} from './sample-planted';
import { webApp } from './templates-compute';
import { containerRegistry, keyVault, storageAccount } from './templates-data';
import { activityLogAlertProperties } from './templates-monitor';
import { networkWatcher, nsgProperties, securityRule } from './templates-network';
import { mysqlFlexibleServer, postgresFlexibleServer, sqlDatabase, sqlServer } from './templates-sql';
import type { ArmItem, EmulatedResource, RoleDefinitionFixture, SubscriptionItem } from './world';

/**
 * The generated filler: 110 resources whose type counts, with the planted 27, keep the historical
 * order of the top types (storage, NSGs, public IPs, disks, VNets, VMs, key vaults).
 */
const FILLER_MIX: Readonly<Record<string, number>> = {
  'Microsoft.Storage/storageAccounts': 19,
  'Microsoft.Network/networkSecurityGroups': 15,
  'Microsoft.Network/publicIPAddresses': 14,
  'Microsoft.Compute/disks': 13,
  'Microsoft.Network/virtualNetworks': 11,
  'Microsoft.Compute/virtualMachines': 10,
  'Microsoft.KeyVault/vaults': 7,
  'Microsoft.DocumentDB/databaseAccounts': 6,
  'Microsoft.Sql/servers': 3,
  'Microsoft.Sql/servers/databases': 3,
  'Microsoft.Web/sites': 3,
  'Microsoft.ContainerService/managedClusters': 3,
  'Microsoft.ContainerRegistry/registries': 1,
  'Microsoft.DBforPostgreSQL/flexibleServers': 1,
  'Microsoft.DBforMySQL/flexibleServers': 1,
};

/** Builds a planted resource with a template (every knob secure unless listed), then adjusts it. */
function plant(
  rng: Rng,
  template: ResourceTemplate,
  p: { name: string; id: string; resourceGroup: string },
  location: string,
  bad: readonly string[] = [],
  parent?: EmulatedResource,
): EmulatedResource {
  const name = p.name.slice(p.name.lastIndexOf('/') + 1);
  const built = template.build({
    rng,
    subscriptionId: PROD,
    resourceGroup: p.resourceGroup,
    location,
    name,
    id: p.id,
    bad: (knob) => bad.includes(knob),
    ...(parent ? { parent } : {}),
  });
  const r: EmulatedResource = {
    id: p.id,
    name: p.name,
    type: template.type,
    location: built.location ?? location,
    tags: { environment: 'prod', owner: 'team-platform', costCenter: 'CC-4100' },
    properties: built.properties,
  };
  if (built.sku !== undefined) r.sku = built.sku;
  if (built.kind !== undefined) r.kind = built.kind;
  if (built.identity !== undefined) r.identity = built.identity;
  if (built.children !== undefined) r.children = built.children;
  return r;
}

const fwRule = (name: string, start: string, end: string): ArmItem => ({
  name,
  properties: { startIpAddress: start, endIpAddress: end },
});

function sqlPair(rng: Rng, location: string): EmulatedResource[] {
  const open = plant(rng, sqlServer, PLANTED.sqlOpenToWorld, location);
  open.properties['publicNetworkAccess'] = 'Enabled';
  open.children = {
    ...open.children,
    firewallRules: [
      fwRule('AllowAllWindowsAzureIps', '0.0.0.0', '0.0.0.0'),
      fwRule('AllowAll', '0.0.0.0', '255.255.255.255'),
    ],
  };
  const closed = plant(rng, sqlServer, PLANTED.sqlPrivate, location);
  closed.properties['publicNetworkAccess'] = 'Disabled';
  closed.children = { ...closed.children, firewallRules: [] };
  const db = (server: EmulatedResource, name: string, id: string) =>
    plant(
      rng,
      sqlDatabase,
      { name: `${server.name}/${name}`, id, resourceGroup: DATA },
      location,
      [],
      server,
    );
  return [
    open,
    db(open, 'master', `${open.id}/databases/master`),
    db(open, 'orders', PLANTED.sqlOpenToWorldDatabase.id),
    closed,
    db(closed, 'master', `${closed.id}/databases/master`),
    db(closed, 'customers', PLANTED.sqlPrivateDatabase.id),
  ];
}

function nsgPair(rng: Rng, location: string): EmulatedResource[] {
  const nsg = (p: PlantedResource, rules: ReturnType<typeof securityRule>[]): EmulatedResource => ({
    id: p.id,
    name: p.name,
    type: NSG,
    location,
    tags: { environment: 'prod', owner: 'team-platform', costCenter: 'CC-4100' },
    properties: nsgProperties(p.id, rng.guid(), rules),
  });
  return [
    nsg(PLANTED.nsgOpenMgmt, [
      securityRule('Allow-SSH-Internet', 100, 'Allow', 'Tcp', 'Internet', '22'),
      // RDP and WinRM in one rule, through the list form of the destination ports.
      securityRule('Allow-Mgmt-Internet', 110, 'Allow', 'Tcp', '*', ['3389', '5985-5986']),
      securityRule('Allow-HTTPS-Inbound', 120, 'Allow', 'Tcp', 'Internet', '443'),
      securityRule('Deny-All-Inbound', 4096, 'Deny', '*', '*', '*'),
    ]),
    nsg(PLANTED.nsgLocked, [
      securityRule('Deny-RDP-Internet', 100, 'Deny', 'Tcp', 'Internet', '3389'),
      securityRule('Allow-HTTPS-Inbound', 110, 'Allow', 'Tcp', 'Internet', '443'),
      // Shadowed by Deny-RDP-Internet, which has the lower priority number.
      securityRule('Allow-RDP-Legacy', 200, 'Allow', 'Tcp', 'Internet', '3389'),
      securityRule('Allow-SSH-Bastion', 210, 'Allow', 'Tcp', '10.20.1.0/26', '22'),
      securityRule('Deny-All-Inbound', 4096, 'Deny', '*', '*', '*'),
    ]),
  ];
}

function alerts(): EmulatedResource[] {
  const actionGroup = `${SUB}/resourceGroups/${MON}/providers/microsoft.insights/actionGroups/ag-secops`;
  const alert = (p: PlantedResource, scope: string, ops: string[], enabled = true): EmulatedResource => ({
    id: p.id,
    name: p.name,
    type: ALERT,
    location: 'Global',
    tags: { environment: 'prod', owner: 'team-secops' },
    properties: activityLogAlertProperties(
      scope,
      ops,
      actionGroup,
      enabled,
      `Contoso SecOps: ${ops.join(', ')}`,
    ),
  });
  const nsgOps = 'Microsoft.Network/networkSecurityGroups';
  return [
    alert(PLANTED.alertNsgWrite, SUB, [`${nsgOps}/write`]),
    alert(PLANTED.alertNsgDelete, SUB, [`${nsgOps}/delete`], false),
    alert(PLANTED.alertSqlFirewall, `${SUB}/resourceGroups/${DATA}`, [
      'Microsoft.Sql/servers/firewallRules/write',
      'Microsoft.Sql/servers/firewallRules/delete',
    ]),
    alert(PLANTED.alertPolicyChanges, SUB, [
      'Microsoft.Authorization/policyAssignments/write',
      'Microsoft.Authorization/policyAssignments/delete',
    ]),
    alert(PLANTED.alertSecuritySolutions, SUB, [
      'Microsoft.Security/securitySolutions/write',
      'Microsoft.Security/securitySolutions/delete',
    ]),
  ];
}

/** The planted resources, fresh. */
export function plantedResources(): EmulatedResource[] {
  const rng = mulberry32(hashString('contoso-production-planted'));
  const loc = 'westeurope';
  const P = PLANTED;

  const publicBlobs = plant(rng, storageAccount, P.storagePublicBlobs, loc, ['publicBlob', 'openNetwork']);
  const legacy = plant(rng, storageAccount, P.storageLegacy, loc, [
    'noInfraEncryption',
    'noKeyPolicy',
    'oldTls',
    'singleRegion',
  ]);
  legacy.properties['minimumTlsVersion'] = 'TLS1_0';
  delete legacy.properties['keyPolicy'];

  const noPurge = plant(rng, keyVault, P.keyVaultNoPurge, loc, ['noPurgeProtection']);
  const postgres = plant(rng, postgresFlexibleServer, P.postgresAzureServices, loc, ['azureServices']);
  const mysql = plant(rng, mysqlFlexibleServer, P.mysqlNoSecureTransport, loc, ['noSsl']);
  mysql.properties['network'] = { publicNetworkAccess: 'Disabled' };
  mysql.children = { ...mysql.children, firewallRules: [] };

  const watchers = WATCHED_REGIONS.map((region) => {
    const name = `NetworkWatcher_${region}`;
    return plant(
      rng,
      networkWatcher,
      {
        name,
        id: `${SUB}/resourceGroups/${WATCHERS}/providers/Microsoft.Network/networkWatchers/${name}`,
        resourceGroup: WATCHERS,
      },
      region,
    );
  });

  return [
    publicBlobs,
    plant(rng, storageAccount, P.storagePrivateBlobs, loc),
    legacy,
    ...nsgPair(rng, loc),
    ...sqlPair(rng, loc),
    noPurge,
    plant(rng, keyVault, P.keyVaultProtected, loc),
    plant(rng, webApp, P.appHttpAllowed, loc, ['httpAllowed']),
    plant(rng, webApp, P.appHttpsOnly, loc),
    plant(rng, containerRegistry, P.acrAdminOn, loc, ['adminUser']),
    plant(rng, containerRegistry, P.acrAdminOff, loc),
    postgres,
    mysql,
    ...watchers,
    ...alerts(),
  ];
}

/** Contoso Production's 137 resources: the planted ones, then the generated filler. */
export function productionResources(): EmulatedResource[] {
  const filler = generateResources({
    subscriptionId: PROD,
    mix: FILLER_MIX,
    seed: SUBSCRIPTIONS.production.seed,
    resourceGroups: 4,
    insecureRatio: 0.3,
  });
  return [...plantedResources(), ...filler];
}

/** Contoso Production's subscription settings: a Defender mix, one contact, one export, two custom roles. */
export function productionSettings(): {
  pricings: SubscriptionItem[];
  securityContacts: SubscriptionItem[];
  diagnosticSettings: SubscriptionItem[];
  customRoles: RoleDefinitionFixture[];
} {
  const standard = (name: string, extra: Record<string, unknown> = {}): SubscriptionItem => ({
    name,
    properties: {
      pricingTier: 'Standard',
      ...extra,
      freeTrialRemainingTime: 'PT0S',
      enablementTime: '2024-02-01T09:30:00.0000000Z',
    },
  });
  const free = (name: string, extra: Record<string, unknown> = {}): SubscriptionItem => ({
    name,
    properties: { pricingTier: 'Free', freeTrialRemainingTime: 'P30D', ...extra },
  });
  const deprecated = { freeTrialRemainingTime: 'PT0S', deprecated: true, replacedBy: ['Containers'] };
  return {
    pricings: [
      standard('VirtualMachines', { subPlan: 'P2' }),
      standard('SqlServers'),
      standard('AppServices'),
      standard('StorageAccounts', { subPlan: 'DefenderForStorageV2' }),
      standard('SqlServerVirtualMachines'),
      free('KubernetesService', deprecated),
      free('ContainerRegistry', deprecated),
      free('KeyVaults'),
      free('Dns', { freeTrialRemainingTime: 'PT0S', deprecated: true, replacedBy: ['VirtualMachines'] }),
      standard('Arm', { subPlan: 'PerSubscription' }),
      free('OpenSourceRelationalDatabases'),
      free('CosmosDbs'),
      standard('Containers'),
      free('CloudPosture'),
      free('Api'),
    ],
    securityContacts: [
      {
        name: 'default',
        properties: {
          emails: 'secops@contoso.com;platform-oncall@contoso.com',
          phone: '+1-425-555-0100',
          isEnabled: true,
          notificationsByRole: { state: 'On', roles: ['Owner'] },
          notificationsSources: [
            { sourceType: 'Alert', minimalSeverity: 'Medium' },
            { sourceType: 'AttackPath', minimalRiskLevel: 'Critical' },
          ],
        },
      },
    ],
    diagnosticSettings: [
      {
        name: 'export-activity-log',
        properties: activityLogExport(
          `${SUB}/resourceGroups/${MON}/providers/Microsoft.OperationalInsights/workspaces/law-contoso-prod`,
        ),
      },
    ],
    customRoles: [
      customRole(
        CUSTOM_ROLES.breakGlass.id,
        CUSTOM_ROLES.breakGlass.roleName,
        ['*'],
        'Emergency access for the platform team: every action on the subscription.',
      ),
      customRole(CUSTOM_ROLES.vmOperator.id, CUSTOM_ROLES.vmOperator.roleName, [
        'Microsoft.Compute/virtualMachines/read',
        'Microsoft.Compute/virtualMachines/start/action',
        'Microsoft.Compute/virtualMachines/restart/action',
        'Microsoft.Compute/virtualMachines/deallocate/action',
      ]),
    ],
  };
}

export { CUSTOM_ROLES, PLANTED, type PlantedResource, WATCHED_REGIONS } from './sample-planted';
