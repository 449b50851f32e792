/**
 * A scripted AzureConnector for unit tests of the core: each call answers what the test set
 * (a verified connect with an inventory by default), and records what it was asked.
 */
import type { AzureCredentials } from '../../src/core/connection-input';
import type { InventorySummary } from '../../src/core/inventory';
import type {
  AzureConnector,
  ConnectOutcome,
  ExpiryFact,
  SyncRead,
  SyncRequest,
  VerifyOptions,
  VerifyRequest,
} from '../../src/core/ports';
import type { MissingPart } from '../../src/core/posture/plan';
import type { ResourceModel, SubscriptionFacts } from '../../src/core/posture/rule';
import type { StageResult, VerifiedFacts, VerifyOutcome } from '../../src/core/verification';

export const FAKE_INVENTORY: InventorySummary = {
  total: 137,
  byType: { 'Microsoft.Storage/storageAccounts': 23, 'Microsoft.Network/networkSecurityGroups': 18 },
  byLocation: { westeurope: 100, eastus: 37 },
  byResourceGroup: { 'rg-1': 80, 'rg-2': 57 },
  pages: 1,
};

export const OK_STAGES: StageResult[] = [
  { stage: 'signin', status: 'ok', detail: 'Signed in' },
  { stage: 'subscription', status: 'ok', detail: 'Contoso Production (Enabled)' },
  { stage: 'role', status: 'ok', detail: 'Reader' },
  { stage: 'expiry', status: 'ok', detail: 'expires 2027-06-15 (from Microsoft Graph)' },
];

/** What a verified connect says, with these facts changed. */
export function verifiedOutcome(
  req: { subscriptionId: string },
  facts: Partial<VerifiedFacts> = {},
): ConnectOutcome {
  return {
    ok: true,
    stages: OK_STAGES,
    warnings: [],
    facts: {
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      subscriptionId: req.subscriptionId,
      subscriptionName: 'Contoso Production',
      principalId: 'p-1',
      roles: ['Reader'],
      expirySource: 'graph',
      secretExpiresOn: '2027-06-15T00:00:00.000Z',
      ...facts,
    },
    sync: { inventory: FAKE_INVENTORY, missing: [], requests: 0 },
  };
}

export class FakeAzure implements AzureConnector {
  readonly calls: {
    method: 'verify' | 'connect' | 'sync' | 'expiry';
    subscriptionId: string;
    secret: string;
  }[] = [];
  /** What a sync reads: handed to the sink resource by resource. */
  resources: ResourceModel[] = [];
  facts: Omit<SubscriptionFacts, 'subscriptionId'> | undefined;
  missing: MissingPart[] = [];
  inventoryOf: () => InventorySummary = () => FAKE_INVENTORY;
  /** Makes the next syncs fail (a thrown StageFailure, say). */
  syncFails: (() => void) | undefined;
  /** What `connect` and `verify` answer (a function may throw, or wait). */
  outcome: (req: VerifyRequest) => Promise<ConnectOutcome> | ConnectOutcome = (req) => verifiedOutcome(req);

  async verify(req: VerifyRequest, opts: VerifyOptions = {}): Promise<VerifyOutcome> {
    this.calls.push({ method: 'verify', subscriptionId: req.subscriptionId, secret: req.clientSecret });
    const o = await this.outcome(req);
    for (const s of o.stages) await opts.onStage?.(s);
    if (!o.ok) return o;
    const { sync: _sync, ...verified } = o;
    return verified;
  }

  async connect(req: VerifyRequest, opts: VerifyOptions & SyncRequest): Promise<ConnectOutcome> {
    this.calls.push({ method: 'connect', subscriptionId: req.subscriptionId, secret: req.clientSecret });
    const o = await this.outcome(req);
    for (const s of o.stages) await opts.onStage?.(s);
    if (!o.ok) return o;
    opts.onVerified?.(o.facts);
    return { ...o, sync: this.read(req.subscriptionId, opts) };
  }

  /** What Graph says of the secret's end (the connect facts' date by default). */
  expiry: (creds: AzureCredentials) => ExpiryFact = () => ({
    known: true,
    expiresOn: '2027-06-15T00:00:00.000Z',
  });

  async secretExpiry(creds: AzureCredentials): Promise<ExpiryFact> {
    this.calls.push({ method: 'expiry', subscriptionId: creds.subscriptionId, secret: creds.clientSecret });
    return this.expiry(creds);
  }

  async sync(creds: AzureCredentials, request: SyncRequest): Promise<SyncRead> {
    this.calls.push({ method: 'sync', subscriptionId: creds.subscriptionId, secret: creds.clientSecret });
    this.syncFails?.();
    return this.read(creds.subscriptionId, request);
  }

  private read(subscriptionId: string, request: SyncRequest): SyncRead {
    for (const r of this.resources) request.sink.resource(structuredClone(r));
    if (this.facts) request.sink.subscription({ subscriptionId, ...structuredClone(this.facts) });
    return { inventory: this.inventoryOf(), missing: this.missing, requests: 0 };
  }
}
