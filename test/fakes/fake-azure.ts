/**
 * A scripted AzureConnector for unit tests of the core: each call answers what the test set
 * (a verified connect with an inventory by default), and records what it was asked.
 */
import type { AzureCredentials } from '../../src/core/connection-input';
import type { InventorySummary } from '../../src/core/inventory';
import type { AzureConnector, ConnectOutcome, VerifyOptions, VerifyRequest } from '../../src/core/ports';
import type { StageResult, VerifyOutcome } from '../../src/core/verification';

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

export class FakeAzure implements AzureConnector {
  readonly calls: { method: 'verify' | 'connect' | 'inventory'; subscriptionId: string; secret: string }[] =
    [];
  /** What `connect` and `verify` answer (a function may throw, or wait). */
  outcome: (req: VerifyRequest) => Promise<ConnectOutcome> | ConnectOutcome = (req) => ({
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
    },
    inventory: FAKE_INVENTORY,
  });

  async verify(req: VerifyRequest, opts: VerifyOptions = {}): Promise<VerifyOutcome> {
    this.calls.push({ method: 'verify', subscriptionId: req.subscriptionId, secret: req.clientSecret });
    const o = await this.outcome(req);
    for (const s of o.stages) await opts.onStage?.(s);
    if (!o.ok) return o;
    const { inventory: _inventory, ...verified } = o;
    return verified;
  }

  async connect(req: VerifyRequest, opts: VerifyOptions = {}): Promise<ConnectOutcome> {
    this.calls.push({ method: 'connect', subscriptionId: req.subscriptionId, secret: req.clientSecret });
    const o = await this.outcome(req);
    for (const s of o.stages) await opts.onStage?.(s);
    return o;
  }

  async inventory(creds: AzureCredentials): Promise<InventorySummary> {
    this.calls.push({
      method: 'inventory',
      subscriptionId: creds.subscriptionId,
      secret: creds.clientSecret,
    });
    return FAKE_INVENTORY;
  }
}
