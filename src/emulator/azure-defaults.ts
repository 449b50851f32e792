/**
 * What Azure answers for settings nobody configured: the defaults the emulator serves for known
 * sub-resources and subscription settings that a fixture leaves out, shared with the generator.
 */

import type { ArmItem, EmulatedResource, SubscriptionItem } from './world';

const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** SQL's blob auditing policy of a server or database nobody configured. */
export const auditingOff = (): ArmItem => ({
  properties: {
    retentionDays: 0,
    auditActionsAndGroups: [],
    isStorageSecondaryKeyInUse: false,
    isAzureMonitorTargetEnabled: false,
    isManagedIdentityInUse: false,
    state: 'Disabled',
    storageAccountSubscriptionId: '00000000-0000-0000-0000-000000000000',
  },
});

/** A server's Entra admin from its own `properties.administrators` (recent API versions), if any. */
export function sqlAdminsFromProperties(server: EmulatedResource): ArmItem[] {
  const a = record(server.properties['administrators']);
  if (!a || typeof a['login'] !== 'string') return [];
  return [
    {
      name: 'ActiveDirectory',
      properties: {
        administratorType: a['administratorType'] ?? 'ActiveDirectory',
        login: a['login'],
        sid: a['sid'],
        tenantId: a['tenantId'],
        azureADOnlyAuthentication: a['azureADOnlyAuthentication'] ?? false,
      },
    },
  ];
}

export const serverParameter = (
  name: string,
  value: string,
  defaultValue = value,
  dataType = 'Enumeration',
): ArmItem => ({
  name,
  properties: {
    value,
    description: '',
    defaultValue,
    dataType,
    allowedValues: '',
    source: value === defaultValue ? 'system-default' : 'user-override',
    isDynamicConfig: true,
    isReadOnly: false,
    isConfigPendingRestart: false,
  },
});

/** A few real server parameters, with the platform defaults (secure transport on). */
export const POSTGRES_DEFAULT_PARAMETERS = (): ArmItem[] => [
  serverParameter('require_secure_transport', 'on', 'on', 'Boolean'),
  serverParameter('ssl_min_protocol_version', 'TLSv1.2'),
  serverParameter('log_connections', 'on', 'on', 'Boolean'),
  serverParameter('log_disconnections', 'off', 'off', 'Boolean'),
  serverParameter('connection_throttle.enable', 'off', 'off', 'Boolean'),
  serverParameter('log_checkpoints', 'on', 'on', 'Boolean'),
];

export const MYSQL_DEFAULT_PARAMETERS = (): ArmItem[] => [
  serverParameter('require_secure_transport', 'ON', 'ON'),
  serverParameter('tls_version', 'TLSv1.2,TLSv1.3', 'TLSv1.2,TLSv1.3', 'Set'),
  serverParameter('audit_log_enabled', 'OFF', 'OFF'),
  serverParameter('slow_query_log', 'OFF', 'OFF'),
];

/** App Service `config/web` as ARM answers it for a site created without settings. */
export function defaultWebConfig(site: EmulatedResource): ArmItem {
  const linux = String(site.kind ?? '').includes('linux');
  return {
    name: 'web',
    location: site.location,
    properties: {
      numberOfWorkers: 1,
      defaultDocuments: ['Default.htm', 'Default.html', 'index.html', 'hostingstart.html'],
      netFrameworkVersion: 'v4.0',
      linuxFxVersion: linux ? 'NODE|20-lts' : '',
      requestTracingEnabled: false,
      remoteDebuggingEnabled: false,
      httpLoggingEnabled: false,
      detailedErrorLoggingEnabled: false,
      publishingUsername: `$${site.name}`,
      scmType: 'None',
      use32BitWorkerProcess: !linux,
      webSocketsEnabled: false,
      alwaysOn: false,
      managedPipelineMode: 'Integrated',
      loadBalancing: 'LeastRequests',
      autoHealEnabled: false,
      vnetRouteAllEnabled: false,
      http20Enabled: false,
      minTlsVersion: '1.2',
      scmMinTlsVersion: '1.2',
      ftpsState: 'AllAllowed',
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

/** Defender plans a subscription lists, in ARM's order; `replacedBy` marks the deprecated ones. */
export const DEFENDER_PLANS: readonly { name: string; replacedBy?: string[] }[] = [
  { name: 'VirtualMachines' },
  { name: 'SqlServers' },
  { name: 'AppServices' },
  { name: 'StorageAccounts' },
  { name: 'SqlServerVirtualMachines' },
  { name: 'KubernetesService', replacedBy: ['Containers'] },
  { name: 'ContainerRegistry', replacedBy: ['Containers'] },
  { name: 'KeyVaults' },
  { name: 'Dns', replacedBy: ['VirtualMachines'] },
  { name: 'Arm' },
  { name: 'OpenSourceRelationalDatabases' },
  { name: 'CosmosDbs' },
  { name: 'Containers' },
  { name: 'CloudPosture' },
  { name: 'Api' },
];

/** A plan on the Free tier, as a subscription that never enabled it answers. */
export function freePricing(name: string): SubscriptionItem {
  const plan = DEFENDER_PLANS.find((p) => p.name.toLowerCase() === name.toLowerCase());
  return {
    name: plan?.name ?? name,
    properties: {
      pricingTier: 'Free',
      freeTrialRemainingTime: plan?.replacedBy ? 'PT0S' : 'P30D',
      ...(plan?.replacedBy ? { deprecated: true, replacedBy: plan.replacedBy } : {}),
    },
  };
}
