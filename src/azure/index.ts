import type { AzureCredentials } from '../core/connection-input';
import { StageFailure } from '../core/errors';
import type { InventorySummary } from '../core/inventory';
import type {
  AzureConnector,
  Clock,
  ConnectOutcome,
  ExpiryFact,
  SyncRead,
  SyncRequest,
  VerifyOptions,
  VerifyRequest,
} from '../core/ports';
import type { VerifyOutcome } from '../core/verification';
import { type CallPolicy, DEFAULT_CALL_POLICY } from './call-policy';
import { AzureClients } from './clients';
import type { AzureEndpoints } from './endpoints';
import { readInventory } from './inventory';
import { readSecretExpiry } from './secret-expiry';
import { syncSubscription } from './sync';
import { verify } from './verify';

export type { CallPolicy } from './call-policy';
export { DEFAULT_CALL_POLICY } from './call-policy';
export type { AzureEndpoints } from './endpoints';

export interface AzureEngineOptions {
  endpoints: AzureEndpoints;
  policy?: Partial<CallPolicy>;
  clock?: Clock;
}

/** The Azure adapter: the core's AzureConnector port over the real Azure SDKs. */
export class AzureEngine implements AzureConnector {
  private readonly policy: CallPolicy;
  private readonly clock: Clock;

  constructor(private readonly options: AzureEngineOptions) {
    this.policy = { ...DEFAULT_CALL_POLICY, ...options.policy };
    this.clock = options.clock ?? { now: () => new Date() };
  }

  verify(request: VerifyRequest, options: VerifyOptions = {}): Promise<VerifyOutcome> {
    return verify(request, options, {
      endpoints: this.options.endpoints,
      policy: this.policy,
      clock: this.clock,
    });
  }

  async connect(request: VerifyRequest, options: VerifyOptions & SyncRequest): Promise<ConnectOutcome> {
    // One set of clients (one credential, one token cache) for the whole connect.
    const clients = new AzureClients(request, this.options.endpoints, this.policy);
    const verified = await verify(request, options, {
      endpoints: this.options.endpoints,
      policy: this.policy,
      clock: this.clock,
      clients,
    });
    if (!verified.ok) return verified;
    options.onVerified?.(verified.facts);
    try {
      const sync = await syncSubscription(
        request,
        this.options.endpoints,
        this.policy,
        options.plan,
        options.sink,
        options.signal,
        clients,
      );
      return { ...verified, sync };
    } catch (e) {
      if (e instanceof StageFailure)
        return { ok: false, stages: [...verified.stages, e.result], error: e.result };
      throw e;
    }
  }

  /** The inventory alone (totals by type, location, resource group): the benchmark's subject. */
  inventory(
    credentials: AzureCredentials,
    options: { signal?: AbortSignal } = {},
  ): Promise<InventorySummary> {
    return readInventory(credentials, this.options.endpoints, this.policy, options.signal);
  }

  async secretExpiry(credentials: AzureCredentials): Promise<ExpiryFact> {
    const clients = new AzureClients(credentials, this.options.endpoints, this.policy);
    return readSecretExpiry(clients, this.policy, this.clock.now());
  }

  sync(credentials: AzureCredentials, request: SyncRequest): Promise<SyncRead> {
    return syncSubscription(
      credentials,
      this.options.endpoints,
      this.policy,
      request.plan,
      request.sink,
      request.signal,
    );
  }
}
