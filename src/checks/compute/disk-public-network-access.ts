import type { ResourceRule } from '../../core/posture/rule';
import { eqi, nameOf, prop, shown } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes when `networkAccessPolicy` is DenyAll or AllowPrivate, or `publicNetworkAccess` is
 * Disabled. Missing fails: the platform default is AllowAll (export and import from any network).
 * Not in the catalogue; medium, since it needs a SAS issued by someone with disk rights.
 */
export const rule: ResourceRule = {
  id: 'disk-public-network-access',
  title: 'Managed disks cannot be exported or imported from any network',
  severity: 'medium',
  cis: [],
  rationale:
    'A disk whose network policy is AllowAll can be downloaded or overwritten over the internet with a SAS link. Limiting it to private links, or denying it, keeps disk contents inside your network.',
  remediation: {
    portal: [
      'Open the disk in the Azure portal.',
      'Under Settings, select Networking.',
      'Choose "Disable public access and enable private access" (or "Disable public and private access") and select Save.',
    ],
    cli: 'az disk update --resource-group <group> --name <disk> --network-access-policy DenyAll --public-network-access Disabled',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Compute/disks',
  evaluate(disk) {
    const policy = prop(disk, 'networkAccessPolicy');
    if (eqi(policy, 'DenyAll', 'AllowPrivate') || eqi(prop(disk, 'publicNetworkAccess'), 'Disabled'))
      return pass();
    return fail(
      `Disk ${nameOf(disk)} can be exported from any network (networkAccessPolicy is ${shown(policy)}).`,
    );
  },
};
