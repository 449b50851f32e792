import type { ResourceRule } from '../../core/posture/rule';
import { childProps } from '../lib/children';
import { asBool, nameOf, path } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

/**
 * Reads `blobServices/default`. Passes when both container and blob soft delete are enabled (the
 * CIS control names both). A policy that is missing is off, Azure's default for accounts not
 * created in the portal. Not applicable when the sync did not read the blob service (e.g.
 * FileStorage accounts have none).
 */
export const rule: ResourceRule = {
  id: 'storage-blob-soft-delete',
  title: 'Storage accounts keep deleted containers and blobs recoverable (soft delete)',
  severity: 'medium',
  cis: ['CIS 2.1 3.11', 'CIS 3.0 4.10', 'CIS 4.0 10.2.1', 'CIS 4.0 10.3.6'],
  rationale:
    'Without soft delete, a container or blob deleted by mistake or by an attacker is gone at once. Soft delete keeps it restorable for the retention period.',
  remediation: {
    portal: [
      'Open the storage account in the Azure portal.',
      'Under Data management, select Data protection.',
      'Tick "Enable soft delete for containers" and "Enable soft delete for blobs", choose a retention period, and select Save.',
    ],
    cli: 'az storage account blob-service-properties update --account-name <account> --resource-group <group> --enable-container-delete-retention true --container-delete-retention-days 7 --enable-delete-retention true --delete-retention-days 7',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  needs: ['blobService'],
  evaluate(account) {
    const service = childProps(account, 'blobService');
    if (service === undefined) return notApplicable();
    const containers = asBool(path(service, 'containerDeleteRetentionPolicy', 'enabled')) === true;
    const blobs = asBool(path(service, 'deleteRetentionPolicy', 'enabled')) === true;
    if (containers && blobs) return pass();
    const off = [containers ? '' : 'container', blobs ? '' : 'blob'].filter((s) => s !== '').join(' and ');
    return fail(`Storage account ${nameOf(account)} has ${off} soft delete turned off.`);
  },
};
