/** Generated networking: security groups, virtual networks, public IPs, network watchers. */

import type { Rng } from './prng';
import { providerId, type ResourceTemplate } from './resource-template';

function rule(
  name: string,
  priority: number,
  access: 'Allow' | 'Deny',
  protocol: string,
  sourceAddressPrefix: string,
  destinationPortRange: string,
) {
  return {
    name,
    properties: {
      provisioningState: 'Succeeded',
      description: '',
      protocol,
      sourcePortRange: '*',
      destinationPortRange,
      sourceAddressPrefix,
      destinationAddressPrefix: '*',
      access,
      priority,
      direction: 'Inbound',
    },
  };
}

function privateCidr(rng: Rng): string {
  return `10.${rng.int(256)}.${rng.int(256)}.0/24`;
}

export const networkSecurityGroup: ResourceTemplate = {
  type: 'Microsoft.Network/networkSecurityGroups',
  weight: 10,
  name: (n, rng) => `nsg-${rng.pick(['web', 'app', 'data', 'mgmt', 'aks'])}-${n.toString(36)}`,
  knobs: ['openSsh', 'openRdp'],
  build: (c) => {
    const rules = [
      rule('Allow-HTTPS-Inbound', 100, 'Allow', 'Tcp', 'Internet', '443'),
      rule('Allow-VNet-Management', 200, 'Allow', 'Tcp', privateCidr(c.rng), '22'),
    ];
    if (c.bad('openSsh'))
      rules.push(rule('Allow-SSH', 300, 'Allow', 'Tcp', c.rng.pick(['*', 'Internet', '0.0.0.0/0']), '22'));
    if (c.bad('openRdp'))
      rules.push(
        rule('Allow-RDP', 310, 'Allow', c.rng.pick(['Tcp', '*']), c.rng.pick(['*', 'Internet']), '3389'),
      );
    rules.push(rule('Deny-All-Inbound', 4096, 'Deny', '*', '*', '*'));
    return {
      properties: {
        provisioningState: 'Succeeded',
        resourceGuid: c.rng.guid(),
        securityRules: rules.map((r) => ({
          id: `${c.id}/securityRules/${r.name}`,
          type: 'Microsoft.Network/networkSecurityGroups/securityRules',
          ...r,
        })),
      },
    };
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
