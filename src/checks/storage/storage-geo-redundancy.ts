import type { ResourceRule } from '../../core/posture/rule';
import { asString, field, nameOf } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

/**
 * Passes when the account's SKU keeps a copy in a second region (GRS, RA-GRS, GZRS, RA-GZRS).
 * Premium accounts cannot be geo-redundant: not applicable. A missing SKU is not judged.
 */
export const rule: ResourceRule = {
  id: 'storage-geo-redundancy',
  title: 'Storage accounts keep a copy of their data in a second region',
  severity: 'informational',
  cis: [],
  rationale:
    'Locally or zone-redundant accounts keep every copy in one region; a regional outage or disaster makes the data unavailable or lost. Whether that is acceptable depends on the data, so this is information, not a fault.',
  remediation: {
    portal: [
      'Open the storage account and select Data management > Redundancy.',
      'Choose Geo-redundant storage (GRS) or Geo-zone-redundant storage (GZRS) and save.',
    ],
    cli: 'az storage account update --name <account> --resource-group <group> --sku Standard_GZRS',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Storage/storageAccounts',
  evaluate(account) {
    const sku = asString(field(field(account, 'sku'), 'name'));
    if (!sku) return notApplicable();
    const s = sku.toUpperCase();
    if (s.startsWith('PREMIUM_')) return notApplicable();
    if (s.endsWith('GRS') || s.endsWith('GZRS')) return pass();
    return fail(`Storage account ${nameOf(account)} keeps its data in one region (SKU ${sku}).`);
  },
};
