import { type Emulator, SAMPLE } from '../../src/emulator';

const C = SAMPLE.credentials;
type Cred = (typeof C)[keyof typeof C];

/** One way a connect can fail, and what the person must then read. */
export interface FailureCase {
  code: string;
  cred: Cred;
  /** The stage title shown as "Failed at". */
  stage: RegExp;
  /** Part of the remedy ("What to do"). */
  remedy: RegExp;
  /** A fault to inject in the emulator first. */
  fault?: (emu: Emulator) => void;
}

/** Every failure of the Azure engine a channel must explain: the same list for Teams and Slack. */
export const AZURE_FAILURE_CASES: FailureCase[] = [
  { code: 'secret_invalid', cred: C.wrongSecret, stage: /Sign in/, remedy: /Value/ },
  { code: 'secret_expired', cred: C.expiredSecret, stage: /Sign in/, remedy: /new client secret/ },
  { code: 'app_not_found', cred: C.unknownApp, stage: /Sign in/, remedy: /Client ID/ },
  { code: 'tenant_not_found', cred: C.unknownTenant, stage: /Sign in/, remedy: /Tenant ID/ },
  {
    code: 'signin_unreachable',
    cred: C.good,
    stage: /Sign in/,
    remedy: /network problem/,
    fault: (emu) => emu.faults.add({ path: '/oauth2/v2.0/token', drop: true }),
  },
  {
    code: 'subscription_not_found',
    cred: C.unknownSubscription,
    stage: /Read the subscription/,
    remedy: /Subscription ID/,
  },
  {
    code: 'subscription_wrong_tenant',
    cred: C.otherTenantSubscription,
    stage: /Read the subscription/,
    remedy: new RegExp(SAMPLE.tenants.fabrikam.id),
  },
  {
    code: 'no_access',
    cred: C.noReader,
    stage: /Read the subscription/,
    remedy: /Reader role on the subscription/,
  },
  { code: 'missing_reader', cred: C.readlessRole, stage: /Check the role/, remedy: /Reader/ },
  {
    code: 'throttled',
    cred: C.good,
    stage: /Read the subscription/,
    remedy: /Try again in 2 minutes/,
    fault: (emu) =>
      emu.faults.add({ path: `/subscriptions/${C.good.subscriptionId}?`, status: 429, retryAfter: 120 }),
  },
  {
    code: 'azure_unavailable',
    cred: C.good,
    stage: /Read the subscription/,
    remedy: /Azure/,
    fault: (emu) => emu.faults.add({ path: `/subscriptions/${C.good.subscriptionId}?`, status: 503 }),
  },
  {
    code: 'timeout',
    cred: C.good,
    stage: /Check the role/,
    remedy: /Try again/,
    fault: (emu) => emu.faults.add({ path: 'roleAssignments', delayMs: 8_000 }),
  },
  {
    code: 'sync failure',
    cred: C.good,
    stage: /First sync/,
    remedy: /Try again/,
    fault: (emu) =>
      emu.faults.add({ path: `/subscriptions/${C.good.subscriptionId}/resources`, status: 500 }),
  },
];
