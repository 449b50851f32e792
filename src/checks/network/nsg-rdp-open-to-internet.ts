import type { ResourceRule } from '../../core/posture/rule';
import { describePortExposure, findPortExposure } from '../lib/nsg';
import { fail, pass } from '../lib/verdict';

/** See lib/nsg.ts for how rules, sources, port ranges and earlier Deny rules are read. */
export const rule: ResourceRule = {
  id: 'nsg-rdp-open-to-internet',
  title: 'Network security groups do not allow RDP (TCP 3389) from the internet',
  severity: 'high',
  cis: ['CIS 2.1 6.1', 'CIS 3.0 7.1', 'CIS 4.0 8.1'],
  rationale:
    'RDP reachable from the internet is a favourite target for password spraying and remote-code exploits. Reach it through Azure Bastion, a VPN or just-in-time access instead.',
  remediation: {
    portal: [
      'Open the network security group in the Azure portal.',
      'Under Settings, select Inbound security rules.',
      'Delete the rule that allows port 3389 from Any/Internet, or change its source to specific trusted addresses.',
    ],
    cli: 'az network nsg rule update --resource-group <group> --nsg-name <nsg> --name <rule> --source-address-prefixes <trusted-cidr>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Network/networkSecurityGroups',
  evaluate(nsg) {
    const exposure = findPortExposure(nsg, 'tcp', 3389);
    return exposure ? fail(describePortExposure(exposure, 'tcp', 3389), exposure.rule.name) : pass();
  },
};
