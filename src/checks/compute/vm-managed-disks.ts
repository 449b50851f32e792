import type { ResourceRule } from '../../core/posture/rule';
import { asArray, asString, field, isRecord, listNames, nameOf, prop } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

/**
 * Passes when the OS disk and every data disk have `managedDisk`; a disk with a `vhd` (or neither)
 * fails. Not applicable when the VM has no readable `storageProfile.osDisk`.
 */
export const rule: ResourceRule = {
  id: 'vm-managed-disks',
  title: 'Virtual machines use managed disks',
  severity: 'high',
  cis: ['CIS 2.1 7.2', 'CIS 3.0 8.2'],
  rationale:
    'Unmanaged disks are VHD blobs in a storage account you secure yourself, so storage keys or a public container expose them. Managed disks are encrypted, access-controlled and kept off public endpoints by the platform.',
  remediation: {
    portal: [
      'Open the virtual machine in the Azure portal and stop (deallocate) it.',
      'Under Settings, select Disks.',
      'Select "Migrate to managed disks" and confirm, then start the VM.',
    ],
    cli: 'az vm convert --resource-group <group> --name <vm>',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Compute/virtualMachines',
  evaluate(vm) {
    const osDisk = prop(vm, 'storageProfile', 'osDisk');
    if (!isRecord(osDisk)) return notApplicable();
    const disks = [osDisk, ...asArray(prop(vm, 'storageProfile', 'dataDisks'))];
    const unmanaged = disks
      .filter((d) => isRecord(d) && !isRecord(field(d, 'managedDisk')))
      .map((d) => asString(field(d, 'name')) ?? (d === osDisk ? 'OS disk' : '(unnamed)'));
    if (unmanaged.length === 0) return pass();
    return fail(`VM ${nameOf(vm)} uses unmanaged (VHD) disks: ${listNames(unmanaged)}.`);
  },
};
