import type { AzureCredentials } from './connection-input';
import type { InventorySummary } from './inventory';
import type { StageResult, VerifyOutcome } from './verification';

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
}

/** A verification that passed, with the first sync's inventory; or the stage that failed. */
export type ConnectOutcome =
  | Extract<VerifyOutcome, { ok: false }>
  | (Extract<VerifyOutcome, { ok: true }> & { inventory: InventorySummary });

/**
 * Everything the product asks of Azure. Implemented in src/azure. The adapter reports facts
 * (when the secret ends, and where that date came from); the core decides what they mean.
 */
export interface AzureConnector {
  /** Runs the Azure stages of SPEC 1.1 (sign-in, subscription, role, expiry) in order. */
  verify(request: VerifyRequest, options?: VerifyOptions): Promise<VerifyOutcome>;
  /** Verifies, then reads the inventory (the first sync), with one set of clients. */
  connect(request: VerifyRequest, options?: VerifyOptions): Promise<ConnectOutcome>;
  /** Streams the subscription's resources and returns the totals. */
  inventory(credentials: AzureCredentials, options?: { signal?: AbortSignal }): Promise<InventorySummary>;
}
