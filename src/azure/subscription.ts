import type { ErrorContext } from '../core/error-catalogue';
import { stageError } from '../core/error-catalogue';
import { StageFailure } from '../core/errors';
import { type CallPolicy, deadlineSignal, withDeadline } from './call-policy';
import { classifyArmError } from './classify-error';
import type { AzureClients } from './clients';

export interface SubscriptionFacts {
  displayName: string;
  state: string;
  tenantId?: string;
}

/** Stage 2: read the subscription itself. */
export async function readSubscription(
  clients: AzureClients,
  ctx: ErrorContext,
  policy: CallPolicy,
  signal?: AbortSignal,
): Promise<SubscriptionFacts> {
  const ms = policy.stageDeadlineMs;
  const deadline = deadlineSignal(ms, signal);
  try {
    const sub = await withDeadline(deadline, ms, () =>
      clients.subscriptions().subscriptions.get(clients.creds.subscriptionId, { abortSignal: deadline }),
    );
    const facts: SubscriptionFacts = {
      displayName: sub.displayName ?? clients.creds.subscriptionId,
      state: sub.state ?? 'Enabled',
      ...(sub.tenantId ? { tenantId: sub.tenantId } : {}),
    };
    if (facts.state === 'Disabled')
      throw new StageFailure(stageError('subscription', 'subscription_disabled', ctx));
    return facts;
  } catch (e) {
    if (e instanceof StageFailure) throw e;
    throw new StageFailure(classifyArmError(e, 'subscription', ctx, ms));
  }
}
