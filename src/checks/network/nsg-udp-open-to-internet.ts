import type { ResourceRule } from '../../core/posture/rule';
import { describeExposure, internetExposures } from '../lib/nsg';
import { fail, pass } from '../lib/verdict';

/**
 * Any UDP port reachable from the internet fails (protocol `Udp` or `*`). See lib/nsg.ts for how
 * rules, sources, port ranges and earlier Deny rules are read.
 */
export const rule: ResourceRule = {
  id: 'nsg-udp-open-to-internet',
  title: 'Network security groups do not allow UDP from the internet',
  severity: 'high',
  cis: ['CIS 2.1 6.3', 'CIS 3.0 7.3', 'CIS 4.0 8.3'],
  rationale:
    'UDP services open to the internet (DNS, NTP, SNMP, SSDP, CLDAP) are abused to amplify denial-of-service attacks and are rarely meant to be public.',
  remediation: {
    portal: [
      'Open the network security group in the Azure portal.',
      'Under Settings, select Inbound security rules.',
      'Delete the rule that allows UDP (or Any protocol) from Any/Internet, or limit its source to trusted addresses.',
    ],
    cli: 'az network nsg rule update --resource-group <group> --nsg-name <nsg> --name <rule> --source-address-prefixes <trusted-cidr>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Network/networkSecurityGroups',
  evaluate(nsg) {
    const [exposure] = internetExposures(nsg, 'udp');
    return exposure ? fail(describeExposure(exposure, 'udp'), exposure.rule.name) : pass();
  },
};
