import type { AzureCredentials } from '../core/connection-input';
import type { ErrorContext } from '../core/error-catalogue';
import { StageFailure } from '../core/errors';
import { CaseInsensitiveTally, type InventorySummary, resourceGroupOf } from '../core/inventory';
import { type CallPolicy, deadlineSignal, withDeadline } from './call-policy';
import { classifyArmError } from './classify-error';
import { AzureClients } from './clients';
import type { AzureEndpoints } from './endpoints';

/**
 * Streams `resources.list` page by page and keeps only the totals: memory stays flat
 * however large the subscription.
 */
export async function readInventory(
  creds: AzureCredentials,
  endpoints: AzureEndpoints,
  policy: CallPolicy,
  signal?: AbortSignal,
  given?: AzureClients,
): Promise<InventorySummary> {
  return (await readInventoryAndRegions(creds, endpoints, policy, signal, given)).inventory;
}

/** The regions in use and those with a network watcher, lower-case (for the subscription rules). */
export interface Regions {
  inUse: string[];
  watchers: string[];
}

export async function readInventoryAndRegions(
  creds: AzureCredentials,
  endpoints: AzureEndpoints,
  policy: CallPolicy,
  signal?: AbortSignal,
  given?: AzureClients,
): Promise<{ inventory: InventorySummary; regions: Regions }> {
  const clients = given ?? new AzureClients(creds, endpoints, policy);
  const ms = policy.inventoryDeadlineMs;
  const deadline = deadlineSignal(ms, signal);
  const ctx: ErrorContext = {
    subscriptionId: creds.subscriptionId,
    tenantId: creds.tenantId,
    clientId: creds.clientId,
  };
  const byType = new CaseInsensitiveTally();
  const byLocation = new CaseInsensitiveTally();
  const byGroup = new CaseInsensitiveTally();
  let total = 0;
  let pages = 0;
  const watchers = new Set<string>();
  try {
    await withDeadline(deadline, ms, async () => {
      const pager = clients
        .resources()
        .resources.list({ top: policy.pageSize, abortSignal: deadline })
        .byPage();
      for await (const page of pager) {
        pages += 1;
        for (const r of page) {
          total += 1;
          if (r.type) byType.add(r.type);
          if (r.location) byLocation.add(r.location);
          if (r.location && r.type?.toLowerCase() === 'microsoft.network/networkwatchers')
            watchers.add(r.location.toLowerCase());
          const rg = r.id ? resourceGroupOf(r.id) : undefined;
          if (rg) byGroup.add(rg);
        }
      }
    });
  } catch (e) {
    throw new StageFailure(classifyArmError(e, 'sync', ctx, ms));
  }
  const inventory: InventorySummary = {
    total,
    byType: byType.toRecord(),
    byLocation: byLocation.toRecord(),
    byResourceGroup: byGroup.toRecord(),
    pages,
  };
  const inUse = [...new Set(Object.keys(inventory.byLocation).map((l) => l.toLowerCase()))].filter(
    (l) => l !== 'global',
  );
  return { inventory, regions: { inUse, watchers: [...watchers] } };
}
