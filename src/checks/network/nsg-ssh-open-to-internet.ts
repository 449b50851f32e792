import type { ResourceRule } from '../../core/posture/rule';
import { describePortExposure, findPortExposure } from '../lib/nsg';
import { fail, pass } from '../lib/verdict';

/** See lib/nsg.ts for how rules, sources, port ranges and earlier Deny rules are read. */
export const rule: ResourceRule = {
  id: 'nsg-ssh-open-to-internet',
  title: 'Network security groups do not allow SSH (TCP 22) from the internet',
  severity: 'high',
  cis: ['CIS 2.1 6.2', 'CIS 3.0 7.2', 'CIS 4.0 8.2'],
  rationale:
    'SSH open to the whole internet is scanned and brute-forced within minutes of exposure. Reach it through Azure Bastion, a VPN or a short list of trusted addresses instead.',
  remediation: {
    portal: [
      'Open the network security group in the Azure portal.',
      'Under Settings, select Inbound security rules.',
      'Delete the rule that allows port 22 from Any/Internet, or change its source to specific trusted addresses.',
    ],
    cli: 'az network nsg rule update --resource-group <group> --nsg-name <nsg> --name <rule> --source-address-prefixes <trusted-cidr>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Network/networkSecurityGroups',
  evaluate(nsg) {
    const exposure = findPortExposure(nsg, 'tcp', 22);
    return exposure ? fail(describePortExposure(exposure, 'tcp', 22), exposure.rule.name) : pass();
  },
};
