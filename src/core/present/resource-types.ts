/**
 * Resource types in words people use ("Network security groups" for
 * `Microsoft.Network/networkSecurityGroups`): short, and never wrapped mid-word in a card.
 */
const NAMES: Record<string, string> = {
  'microsoft.storage/storageaccounts': 'Storage accounts',
  'microsoft.network/networksecuritygroups': 'Network security groups',
  'microsoft.network/publicipaddresses': 'Public IP addresses',
  'microsoft.network/virtualnetworks': 'Virtual networks',
  'microsoft.network/networkinterfaces': 'Network interfaces',
  'microsoft.network/networkwatchers': 'Network watchers',
  'microsoft.network/loadbalancers': 'Load balancers',
  'microsoft.network/applicationgateways': 'Application gateways',
  'microsoft.network/privateendpoints': 'Private endpoints',
  'microsoft.network/routetables': 'Route tables',
  'microsoft.compute/virtualmachines': 'Virtual machines',
  'microsoft.compute/disks': 'Managed disks',
  'microsoft.compute/snapshots': 'Disk snapshots',
  'microsoft.compute/virtualmachinescalesets': 'VM scale sets',
  'microsoft.keyvault/vaults': 'Key vaults',
  'microsoft.sql/servers': 'SQL servers',
  'microsoft.sql/servers/databases': 'SQL databases',
  'microsoft.dbforpostgresql/flexibleservers': 'PostgreSQL flexible servers',
  'microsoft.dbformysql/flexibleservers': 'MySQL flexible servers',
  'microsoft.web/sites': 'App Service apps',
  'microsoft.web/serverfarms': 'App Service plans',
  'microsoft.documentdb/databaseaccounts': 'Cosmos DB accounts',
  'microsoft.containerregistry/registries': 'Container registries',
  'microsoft.containerservice/managedclusters': 'Kubernetes clusters (AKS)',
  'microsoft.insights/activitylogalerts': 'Activity log alerts',
  'microsoft.insights/components': 'Application Insights',
  'microsoft.operationalinsights/workspaces': 'Log Analytics workspaces',
  'microsoft.managedidentity/userassignedidentities': 'Managed identities',
  'microsoft.security/pricings': 'Defender plans',
  'microsoft.authorization/roledefinitions': 'Role definitions',
};

/** The friendly name of an ARM type; an unknown type becomes its last segment, spaced. */
export function resourceTypeName(type: string): string {
  const known = NAMES[type.toLowerCase()];
  if (known) return known;
  const last = type.split('/').pop() ?? type;
  const spaced = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
