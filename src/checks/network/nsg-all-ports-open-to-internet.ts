import type { ResourceRule } from '../../core/posture/rule';
import { describeExposure, internetExposures } from '../lib/nsg';
import { coversAllPorts } from '../lib/ports';
import { fail, pass } from '../lib/verdict';

/**
 * Fails when an inbound Allow rule from the internet covers every port (`*` or `0-65535`) over TCP,
 * UDP or any protocol, and earlier Deny rules do not close all of it. Not in the catalogue; rated
 * critical because it exposes every service on the subnet, as an open 0.0.0.0–255.255.255.255 SQL
 * firewall rule does for a database.
 */
export const rule: ResourceRule = {
  id: 'nsg-all-ports-open-to-internet',
  title: 'Network security groups do not open all ports to the internet',
  severity: 'critical',
  cis: [],
  rationale:
    'A rule that allows every port from anywhere exposes every service behind the group, including ones nobody meant to publish. Open only the ports a workload serves, to the sources that need them.',
  remediation: {
    portal: [
      'Open the network security group in the Azure portal.',
      'Under Settings, select Inbound security rules.',
      'Delete or narrow the rule that allows all (or nearly all) ports from Any/Internet, then add narrow rules for the ports you serve, to the sources that need them.',
    ],
    cli: 'az network nsg rule delete --resource-group <group> --nsg-name <nsg> --name <rule>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Network/networkSecurityGroups',
  evaluate(nsg) {
    for (const transport of ['tcp', 'udp'] as const) {
      const exposure = internetExposures(nsg, transport).find((e) => coversAllPorts(e.rule.ports));
      if (exposure) return fail(describeExposure(exposure, transport), exposure.rule.name);
    }
    return pass();
  },
};
