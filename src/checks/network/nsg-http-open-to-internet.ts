import type { ResourceRule } from '../../core/posture/rule';
import { describePortExposure, findPortExposure } from '../lib/nsg';
import { fail, pass } from '../lib/verdict';

/** See lib/nsg.ts for how rules, sources, port ranges and earlier Deny rules are read. */
export const rule: ResourceRule = {
  id: 'nsg-http-open-to-internet',
  title: 'Network security groups do not allow HTTP (TCP 80) from the internet',
  severity: 'high',
  cis: ['CIS 2.1 6.4', 'CIS 3.0 7.4', 'CIS 4.0 8.4'],
  rationale:
    'Plain HTTP from the internet carries traffic unencrypted and exposes web servers directly. Publish web apps through Application Gateway, Front Door or a load balancer that serves HTTPS.',
  remediation: {
    portal: [
      'Open the network security group in the Azure portal.',
      'Under Settings, select Inbound security rules.',
      'Delete the rule that allows port 80 from Any/Internet, or limit its source to the front end that needs it.',
    ],
    cli: 'az network nsg rule update --resource-group <group> --nsg-name <nsg> --name <rule> --source-address-prefixes <trusted-cidr>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Network/networkSecurityGroups',
  evaluate(nsg) {
    const exposure = findPortExposure(nsg, 'tcp', 80);
    return exposure ? fail(describePortExposure(exposure, 'tcp', 80), exposure.rule.name) : pass();
  },
};
