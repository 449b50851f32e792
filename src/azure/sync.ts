/**
 * One sync of a subscription (SPEC 1.2): the inventory (resources.list, streamed page by page,
 * only totals kept) and the posture reads (Resource Graph, sub-resources, subscription
 * settings) run side by side; resources go to the sink as they come. The inventory failing
 * fails the sync; a posture part failing makes it partial.
 */
import type { AzureCredentials } from '../core/connection-input';
import type { ErrorContext } from '../core/error-catalogue';
import { StageFailure } from '../core/errors';
import type { SyncRead } from '../core/ports';
import type { MissingPart, SyncPlan } from '../core/posture/plan';
import { ArmReader } from './arm-reader';
import { type CallPolicy, deadlineSignal } from './call-policy';
import { classifyArmError } from './classify-error';
import { AzureClients } from './clients';
import type { AzureEndpoints } from './endpoints';
import { type Regions, readInventoryAndRegions } from './inventory';
import { type PostureSink, readPosture } from './posture-read';
import { signIn } from './sign-in';

export async function syncSubscription(
  creds: AzureCredentials,
  endpoints: AzureEndpoints,
  policy: CallPolicy,
  plan: SyncPlan,
  sink: PostureSink,
  signal?: AbortSignal,
  given?: AzureClients,
): Promise<SyncRead> {
  const clients = given ?? new AzureClients(creds, endpoints, policy);
  const ctx: ErrorContext = {
    subscriptionId: creds.subscriptionId,
    tenantId: creds.tenantId,
    clientId: creds.clientId,
  };
  // A stored connection signs in first, so a revoked or expired secret is told as such (a
  // connect has just signed in with these clients).
  if (!given) await signIn(clients, ctx, policy, signal);
  const reader = new ArmReader(clients, policy);
  const deadline = deadlineSignal(policy.inventoryDeadlineMs, signal);
  let resolveRegions: (r: Regions | undefined) => void = () => {};
  const regions = new Promise<Regions | undefined>((r) => {
    resolveRegions = r;
  });
  const inventory = readInventoryAndRegions(creds, endpoints, policy, deadline, clients).then(
    (x) => {
      resolveRegions(x.regions);
      return x.inventory;
    },
    (e: unknown) => {
      resolveRegions(undefined);
      throw e;
    },
  );
  const posture = readPosture(reader, {
    subscriptionId: creds.subscriptionId,
    plan,
    sink,
    regions,
    signal: deadline,
  });
  const [inv, missing] = await Promise.allSettled([inventory, posture]);
  if (inv.status === 'rejected') {
    const e = inv.reason;
    throw e instanceof StageFailure
      ? e
      : new StageFailure(classifyArmError(e, 'sync', ctx, policy.inventoryDeadlineMs));
  }
  const parts: MissingPart[] =
    missing.status === 'fulfilled'
      ? missing.value
      : [
          {
            part: 'resource properties',
            detail: 'could not be read',
            types: plan.types,
            subscription: plan.subscription,
          },
        ];
  return { inventory: inv.value, missing: parts, requests: reader.requests + inv.value.pages };
}
