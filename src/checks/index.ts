/**
 * The built-in posture-rule pack: every rule, listed explicitly (no folder scanning). A rule's id
 * equals its file name; test/checks/registry.test.ts checks that every file is listed here once.
 */

import type { Rule } from '../core/posture/rule';
import { rule as aksLocalAccountsDisabled } from './aks/aks-local-accounts-disabled';
import { rule as appserviceFtpDisabled } from './appservice/appservice-ftp-disabled';
import { rule as appserviceHttpsOnly } from './appservice/appservice-https-only';
import { rule as appserviceManagedIdentity } from './appservice/appservice-managed-identity';
import { rule as appserviceMinimumTlsVersion } from './appservice/appservice-minimum-tls-version';
import { rule as diskPublicNetworkAccess } from './compute/disk-public-network-access';
import { rule as vmLinuxSshKeyOnly } from './compute/vm-linux-ssh-key-only';
import { rule as vmManagedDisks } from './compute/vm-managed-disks';
import { rule as containerregistryAdminUserDisabled } from './containerregistry/containerregistry-admin-user-disabled';
import { rule as cosmosdbLocalAuthDisabled } from './cosmosdb/cosmosdb-local-auth-disabled';
import { rule as cosmosdbSelectedNetworks } from './cosmosdb/cosmosdb-selected-networks';
import { rule as defenderPlanStandardTier } from './defender/defender-plan-standard-tier';
import { rule as defenderSecurityContactAlerts } from './defender/defender-security-contact-alerts';
import { rule as iamCustomOwnerRole } from './iam/iam-custom-owner-role';
import { rule as keyvaultKeyExpiration } from './keyvault/keyvault-key-expiration';
import { rule as keyvaultPrivateEndpoint } from './keyvault/keyvault-private-endpoint';
import { rule as keyvaultRbacAuthorization } from './keyvault/keyvault-rbac-authorization';
import { rule as keyvaultRecoverable } from './keyvault/keyvault-recoverable';
import { rule as monitorActivityLogDiagnosticSetting } from './monitor/monitor-activity-log-diagnostic-setting';
import { rule as monitorAlertNsgDelete } from './monitor/monitor-alert-nsg-delete';
import { rule as monitorAlertNsgWrite } from './monitor/monitor-alert-nsg-write';
import { rule as monitorAlertPolicyAssignmentDelete } from './monitor/monitor-alert-policy-assignment-delete';
import { rule as monitorAlertPolicyAssignmentWrite } from './monitor/monitor-alert-policy-assignment-write';
import { rule as monitorAlertPublicIpDelete } from './monitor/monitor-alert-public-ip-delete';
import { rule as monitorAlertPublicIpWrite } from './monitor/monitor-alert-public-ip-write';
import { rule as monitorAlertSecuritySolutionDelete } from './monitor/monitor-alert-security-solution-delete';
import { rule as monitorAlertSecuritySolutionWrite } from './monitor/monitor-alert-security-solution-write';
import { rule as monitorAlertSqlFirewallDelete } from './monitor/monitor-alert-sql-firewall-delete';
import { rule as monitorAlertSqlFirewallWrite } from './monitor/monitor-alert-sql-firewall-write';
import { rule as mysqlFirewallAllowsAllInternet } from './mysql/mysql-firewall-allows-all-internet';
import { rule as mysqlRequireSecureTransport } from './mysql/mysql-require-secure-transport';
import { rule as networkWatcherAllRegions } from './network/network-watcher-all-regions';
import { rule as nsgAllPortsOpenToInternet } from './network/nsg-all-ports-open-to-internet';
import { rule as nsgHttpOpenToInternet } from './network/nsg-http-open-to-internet';
import { rule as nsgRdpOpenToInternet } from './network/nsg-rdp-open-to-internet';
import { rule as nsgSshOpenToInternet } from './network/nsg-ssh-open-to-internet';
import { rule as nsgUdpOpenToInternet } from './network/nsg-udp-open-to-internet';
import { rule as postgresqlAllowAzureServices } from './postgresql/postgresql-allow-azure-services';
import { rule as postgresqlFirewallAllowsAllInternet } from './postgresql/postgresql-firewall-allows-all-internet';
import { rule as postgresqlRequireSecureTransport } from './postgresql/postgresql-require-secure-transport';
import { rule as sqlAuditingEnabled } from './sql/sql-auditing-enabled';
import { rule as sqlDatabaseTdeEnabled } from './sql/sql-database-tde-enabled';
import { rule as sqlEntraAdminConfigured } from './sql/sql-entra-admin-configured';
import { rule as sqlFirewallAllowsAllInternet } from './sql/sql-firewall-allows-all-internet';
import { rule as sqlMinimumTlsVersion } from './sql/sql-minimum-tls-version';
import { rule as storageBlobSoftDelete } from './storage/storage-blob-soft-delete';
import { rule as storageCrossTenantReplication } from './storage/storage-cross-tenant-replication';
import { rule as storageDefaultNetworkActionDeny } from './storage/storage-default-network-action-deny';
import { rule as storageGeoRedundancy } from './storage/storage-geo-redundancy';
import { rule as storageInfrastructureEncryption } from './storage/storage-infrastructure-encryption';
import { rule as storageKeyExpirationPolicy } from './storage/storage-key-expiration-policy';
import { rule as storageMinimumTlsVersion } from './storage/storage-minimum-tls-version';
import { rule as storagePublicBlobAccess } from './storage/storage-public-blob-access';
import { rule as storagePublicNetworkAccess } from './storage/storage-public-network-access';
import { rule as storageSecureTransferRequired } from './storage/storage-secure-transfer-required';
import { rule as storageSharedKeyAccess } from './storage/storage-shared-key-access';
import { rule as storageTrustedServicesBypass } from './storage/storage-trusted-services-bypass';

export const RULES: readonly Rule[] = [
  // storage
  storageBlobSoftDelete,
  storageCrossTenantReplication,
  storageDefaultNetworkActionDeny,
  storageGeoRedundancy,
  storageInfrastructureEncryption,
  storageKeyExpirationPolicy,
  storageMinimumTlsVersion,
  storagePublicBlobAccess,
  storagePublicNetworkAccess,
  storageSecureTransferRequired,
  storageSharedKeyAccess,
  storageTrustedServicesBypass,
  // network
  networkWatcherAllRegions,
  nsgAllPortsOpenToInternet,
  nsgHttpOpenToInternet,
  nsgRdpOpenToInternet,
  nsgSshOpenToInternet,
  nsgUdpOpenToInternet,
  // sql
  sqlAuditingEnabled,
  sqlDatabaseTdeEnabled,
  sqlEntraAdminConfigured,
  sqlFirewallAllowsAllInternet,
  sqlMinimumTlsVersion,
  // postgresql
  postgresqlAllowAzureServices,
  postgresqlFirewallAllowsAllInternet,
  postgresqlRequireSecureTransport,
  // mysql
  mysqlFirewallAllowsAllInternet,
  mysqlRequireSecureTransport,
  // keyvault
  keyvaultKeyExpiration,
  keyvaultPrivateEndpoint,
  keyvaultRbacAuthorization,
  keyvaultRecoverable,
  // appservice
  appserviceFtpDisabled,
  appserviceHttpsOnly,
  appserviceManagedIdentity,
  appserviceMinimumTlsVersion,
  // cosmosdb
  cosmosdbLocalAuthDisabled,
  cosmosdbSelectedNetworks,
  // containerregistry
  containerregistryAdminUserDisabled,
  // aks
  aksLocalAccountsDisabled,
  // compute
  diskPublicNetworkAccess,
  vmLinuxSshKeyOnly,
  vmManagedDisks,
  // defender
  defenderPlanStandardTier,
  defenderSecurityContactAlerts,
  // monitor
  monitorActivityLogDiagnosticSetting,
  monitorAlertNsgDelete,
  monitorAlertNsgWrite,
  monitorAlertPolicyAssignmentDelete,
  monitorAlertPolicyAssignmentWrite,
  monitorAlertPublicIpDelete,
  monitorAlertPublicIpWrite,
  monitorAlertSecuritySolutionDelete,
  monitorAlertSecuritySolutionWrite,
  monitorAlertSqlFirewallDelete,
  monitorAlertSqlFirewallWrite,
  // iam
  iamCustomOwnerRole,
];
