import type { ResourceRule } from '../../core/posture/rule';
import { asBool, eqi, isRecord, nameOf, prop } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

/**
 * Linux VMs only (OS disk type Linux, or a linuxConfiguration); Windows VMs, and VMs without an
 * `osProfile` (created from a specialized disk, so Azure did not configure sign-in), are not
 * applicable. Passes on `disablePasswordAuthentication: true`; missing fails (the default allows
 * passwords).
 */
export const rule: ResourceRule = {
  id: 'vm-linux-ssh-key-only',
  title: 'Linux virtual machines accept SSH keys only, not passwords',
  severity: 'high',
  cis: [],
  rationale:
    'Password sign-in over SSH can be brute-forced and passwords get reused. SSH keys cannot be guessed and are easy to revoke per user.',
  remediation: {
    portal: [
      'Password authentication cannot be switched off on an existing VM through Azure.',
      'In the guest, set "PasswordAuthentication no" in /etc/ssh/sshd_config and restart sshd right away.',
      'Redeploy the VM with SSH public key authentication (Administrator account > Authentication type: SSH public key).',
    ],
    cli: 'az vm create --resource-group <group> --name <vm> --image <image> --authentication-type ssh --ssh-key-values <public-key-file>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Compute/virtualMachines',
  evaluate(vm) {
    const osType = prop(vm, 'storageProfile', 'osDisk', 'osType');
    const linuxConfiguration = prop(vm, 'osProfile', 'linuxConfiguration');
    const linux = eqi(osType, 'Linux') || (isRecord(linuxConfiguration) && !eqi(osType, 'Windows'));
    if (!linux || !isRecord(prop(vm, 'osProfile'))) return notApplicable();
    if (asBool(prop(vm, 'osProfile', 'linuxConfiguration', 'disablePasswordAuthentication')) === true)
      return pass();
    return fail(
      `Linux VM ${nameOf(vm)} allows SSH password sign-in (disablePasswordAuthentication is not true).`,
    );
  },
};
