/** Generated networking: security groups, virtual networks, public IPs, network watchers. */

import type { Rng } from './prng';
import { providerId, type ResourceTemplate } from './resource-template';

/**
 * One security rule as ARM returns it: a single port or prefix goes in the singular field, a list in
 * the plural one, and the unused plural fields are empty arrays.
 */
export function securityRule(
  name: string,
  priority: number,
  access: 'Allow' | 'Deny',
  protocol: string,
  source: string | string[],
  ports: string | string[],
  direction: 'Inbound' | 'Outbound' = 'Inbound',
  destination = '*',
): { name: string; properties: Record<string, unknown> } {
  const properties: Record<string, unknown> = {
    provisioningState: 'Succeeded',
    description: '',
    protocol,
    sourcePortRange: '*',
  };
  if (!Array.isArray(ports)) properties['destinationPortRange'] = ports;
  if (!Array.isArray(source)) properties['sourceAddressPrefix'] = source;
  properties['destinationAddressPrefix'] = destination;
  properties['access'] = access;
  properties['priority'] = priority;
  properties['direction'] = direction;
  properties['sourcePortRanges'] = [];
  properties['destinationPortRanges'] = Array.isArray(ports) ? ports : [];
  properties['sourceAddressPrefixes'] = Array.isArray(source) ? source : [];
  properties['destinationAddressPrefixes'] = [];
  return { name, properties };
}

type Rule = ReturnType<typeof securityRule>;

/** The platform rules every NSG has (`defaultSecurityRules`). */
function defaultRules(): Rule[] {
  return [
    securityRule('AllowVnetInBound', 65000, 'Allow', '*', 'VirtualNetwork', '*', 'Inbound', 'VirtualNetwork'),
    securityRule('AllowAzureLoadBalancerInBound', 65001, 'Allow', '*', 'AzureLoadBalancer', '*'),
    securityRule('DenyAllInBound', 65500, 'Deny', '*', '*', '*'),
    securityRule(
      'AllowVnetOutBound',
      65000,
      'Allow',
      '*',
      'VirtualNetwork',
      '*',
      'Outbound',
      'VirtualNetwork',
    ),
    securityRule('AllowInternetOutBound', 65001, 'Allow', '*', '*', '*', 'Outbound', 'Internet'),
    securityRule('DenyAllOutBound', 65500, 'Deny', '*', '*', '*', 'Outbound'),
  ];
}

/** An NSG's `properties` with ids and types on its rules. */
export function nsgProperties(id: string, guid: string, rules: Rule[]): Record<string, unknown> {
  const withId = (kind: string) => {
    const type = `Microsoft.Network/networkSecurityGroups/${kind}`;
    return (r: Rule) => ({ id: `${id}/${kind}/${r.name}`, type, name: r.name, properties: r.properties });
  };
  return {
    provisioningState: 'Succeeded',
    resourceGuid: guid,
    securityRules: rules.map(withId('securityRules')),
    defaultSecurityRules: defaultRules().map(withId('defaultSecurityRules')),
  };
}

function privateCidr(rng: Rng): string {
  return `10.${rng.int(256)}.${rng.int(256)}.0/24`;
}

const INTERNET = ['*', 'Internet', '0.0.0.0/0'];

export const networkSecurityGroup: ResourceTemplate = {
  type: 'Microsoft.Network/networkSecurityGroups',
  weight: 10,
  name: (n, rng) => `nsg-${rng.pick(['web', 'app', 'data', 'mgmt', 'aks'])}-${n.toString(36)}`,
  knobs: ['openSsh', 'openRdp', 'openHttp', 'openUdp', 'allPorts'],
  build: (c) => {
    const r = c.rng;
    const rules = [
      securityRule('Allow-HTTPS-Inbound', 100, 'Allow', 'Tcp', 'Internet', '443'),
      securityRule('Allow-VNet-Management', 200, 'Allow', 'Tcp', privateCidr(r), '22'),
    ];
    // A legacy RDP allow shadowed by an earlier deny: open on paper, closed in effect.
    if (!c.bad('openRdp') && r.chance(0.2)) {
      rules.push(securityRule('Deny-RDP-Internet', 150, 'Deny', 'Tcp', 'Internet', '3389'));
      rules.push(securityRule('Allow-RDP-Legacy', 400, 'Allow', 'Tcp', 'Internet', '3389'));
    }
    if (c.bad('openSsh'))
      rules.push(
        securityRule('Allow-SSH', 300, 'Allow', 'Tcp', r.pick(INTERNET), r.pick(['22', ['22', '2222']])),
      );
    if (c.bad('openRdp'))
      rules.push(
        securityRule(
          'Allow-RDP',
          310,
          'Allow',
          r.pick(['Tcp', '*']),
          r.pick(['*', 'Internet']),
          r.pick(['3389', ['3389', '5985-5986'], '3380-3390']),
        ),
      );
    if (c.bad('openHttp'))
      rules.push(
        securityRule('Allow-HTTP', 320, 'Allow', 'Tcp', 'Internet', r.pick(['80', ['80', '443'], '80-8080'])),
      );
    if (c.bad('openUdp'))
      rules.push(
        securityRule(
          'Allow-UDP',
          330,
          'Allow',
          'Udp',
          r.pick(INTERNET),
          r.pick(['53', '123', '161', '1194']),
        ),
      );
    if (c.bad('allPorts'))
      rules.push(securityRule('Allow-Any-Inbound', 340, 'Allow', '*', r.pick(['*', 'Internet']), '*'));
    rules.push(securityRule('Deny-All-Inbound', 4096, 'Deny', '*', '*', '*'));
    return { properties: nsgProperties(c.id, r.guid(), rules) };
  },
};

export const virtualNetwork: ResourceTemplate = {
  type: 'Microsoft.Network/virtualNetworks',
  weight: 8,
  name: (n, rng) => `vnet-${rng.pick(['hub', 'spoke', 'core', 'app'])}-${n.toString(36)}`,
  knobs: ['subnetWithoutNsg'],
  build: (c) => {
    const second = c.rng.int(256);
    const subnet = (name: string, third: number, nsg: boolean) => ({
      id: `${c.id}/subnets/${name}`,
      name,
      type: 'Microsoft.Network/virtualNetworks/subnets',
      properties: {
        provisioningState: 'Succeeded',
        addressPrefix: `10.${second}.${third}.0/24`,
        ...(nsg
          ? {
              networkSecurityGroup: {
                id: providerId(c, `Microsoft.Network/networkSecurityGroups/nsg-${name}`),
              },
            }
          : {}),
        privateEndpointNetworkPolicies: 'Disabled',
      },
    });
    return {
      properties: {
        provisioningState: 'Succeeded',
        resourceGuid: c.rng.guid(),
        addressSpace: { addressPrefixes: [`10.${second}.0.0/16`] },
        subnets: [subnet('default', 0, true), subnet('workload', 1, !c.bad('subnetWithoutNsg'))],
        virtualNetworkPeerings: [],
        enableDdosProtection: false,
      },
    };
  },
};

export const publicIpAddress: ResourceTemplate = {
  type: 'Microsoft.Network/publicIPAddresses',
  weight: 8,
  name: (n, rng) => `pip-${rng.pick(['lb', 'gw', 'vm', 'fw'])}-${n.toString(36)}`,
  knobs: ['basicSku'],
  build: (c) => {
    const basic = c.bad('basicSku');
    return {
      sku: { name: basic ? 'Basic' : 'Standard', tier: 'Regional' },
      properties: {
        provisioningState: 'Succeeded',
        resourceGuid: c.rng.guid(),
        ipAddress: `20.${c.rng.int(256)}.${c.rng.int(256)}.${1 + c.rng.int(254)}`,
        publicIPAddressVersion: 'IPv4',
        publicIPAllocationMethod: basic ? 'Dynamic' : 'Static',
        idleTimeoutInMinutes: 4,
        ipTags: [],
      },
    };
  },
};

export const networkWatcher: ResourceTemplate = {
  type: 'Microsoft.Network/networkWatchers',
  weight: 2,
  name: (n, _rng, location) => `NetworkWatcher_${location}_${n.toString(36)}`,
  knobs: [],
  build: () => ({ properties: { provisioningState: 'Succeeded', runningOperationIds: [] } }),
};
