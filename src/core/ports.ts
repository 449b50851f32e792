import type { AzureCredentials } from './connection-input';
import type { InventorySummary } from './inventory';
import type { MissingPart, SyncPlan } from './posture/plan';
import type { ResourceModel, SubscriptionFacts } from './posture/rule';
import type { StageResult, VerifiedFacts, VerifyOutcome } from './verification';

/** The clock, injected so expiry and schedules are testable without sleeping. */
export interface Clock {
  now(): Date;
}

/** The slice of a structured logger the core uses (pino fits it). */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** Whether lines of this level are written (pino has it); absent = assume they are. */
  isLevelEnabled?(level: string): boolean;
}

export interface VerifyRequest extends AzureCredentials {
  /** yyyy-mm-dd from the form: used when Microsoft Graph cannot tell. */
  secretExpiresOn?: string;
}

export interface VerifyOptions {
  /** Called as each stage finishes, in order; awaited before the next stage starts. */
  onStage?: (result: StageResult) => void | Promise<void>;
  /** Cancels everything still running (the caller's own deadline). */
  signal?: AbortSignal;
  /** Told the verified facts before the sync starts (a connect's first sync names the subscription). */
  onVerified?: (facts: VerifiedFacts) => void;
}

/** Where a sync hands each resource (judged at once, not kept) and the subscription-wide facts. */
export interface SyncSink {
  resource(r: ResourceModel): void;
  subscription(facts: SubscriptionFacts): void;
}

/** What a sync read: the inventory's totals, and what it could not read (the sync is then partial). */
export interface SyncRead {
  inventory: InventorySummary;
  missing: MissingPart[];
  /** Requests made to Azure (for the record and the tests). */
  requests: number;
}

export interface SyncRequest {
  plan: SyncPlan;
  sink: SyncSink;
  signal?: AbortSignal;
}

/** A verification that passed, with the first sync; or the stage that failed. */
export type ConnectOutcome =
  | Extract<VerifyOutcome, { ok: false }>
  | (Extract<VerifyOutcome, { ok: true }> & { sync: SyncRead });

/**
 * Everything the product asks of Azure. Implemented in src/azure. The adapter reports facts
 * (when the secret ends, and where that date came from); the core decides what they mean.
 */
export interface AzureConnector {
  /** Runs the Azure stages of SPEC 1.1 (sign-in, subscription, role, expiry) in order. */
  verify(request: VerifyRequest, options?: VerifyOptions): Promise<VerifyOutcome>;
  /** Verifies, then syncs (the first sync), with one set of clients. */
  connect(request: VerifyRequest, options: VerifyOptions & SyncRequest): Promise<ConnectOutcome>;
  /** A sync: the inventory's totals, and every resource the plan covers handed to the sink. */
  sync(credentials: AzureCredentials, request: SyncRequest): Promise<SyncRead>;
  /** What Microsoft Graph says of the secret's end date now (facts only; never throws). */
  secretExpiry(credentials: AzureCredentials): Promise<ExpiryFact>;
}

/**
 * The end of a secret as Microsoft Graph lists it: a date, no end date at all, or unknown
 * (`permission`: Graph answered 403, no Application.Read.All; `unavailable`: anything else).
 */
export type ExpiryFact =
  | { known: true; expiresOn: string }
  | { known: true; never: true }
  | { known: false; reason: 'permission' | 'not_listed' | 'unavailable' };
