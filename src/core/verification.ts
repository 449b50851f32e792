/**
 * The vocabulary of verifying an Azure service principal: stages, closed error codes,
 * warnings, and the typed result of each stage. Shared by every channel.
 */

/** The stages of SPEC 1.1, in the order they run. */
export const STAGES = ['input', 'signin', 'subscription', 'role', 'expiry', 'sync'] as const;
export type StageId = (typeof STAGES)[number];

export const STAGE_TITLES: Record<StageId, string> = {
  input: 'Check the form',
  signin: 'Sign in to Microsoft Entra ID',
  subscription: 'Read the subscription',
  role: 'Check the role',
  expiry: "Read the secret's expiry",
  sync: 'First sync',
};

/** Closed set of reasons a verification fails. */
export type VerifyErrorCode =
  | 'invalid_input'
  | 'secret_invalid'
  | 'secret_looks_like_id'
  | 'secret_expired'
  | 'app_not_found'
  | 'tenant_not_found'
  | 'signin_unreachable'
  | 'subscription_not_found'
  | 'subscription_wrong_tenant'
  | 'subscription_disabled'
  | 'no_access'
  | 'missing_reader'
  | 'throttled'
  | 'azure_unavailable'
  | 'timeout';

/** Closed set of things worth telling that do not stop a connection. */
export type VerifyWarningCode =
  | 'over_privileged'
  | 'expiry_unknown'
  | 'secret_expiring_soon'
  | 'secret_never_expires';

/** A field of the connect form (SPEC 1.1 input ids). */
export type ConnectField =
  | 'name'
  | 'description'
  | 'subscriptionId'
  | 'clientId'
  | 'clientSecret'
  | 'tenantId'
  | 'secretExpiresOn';

export interface StageOk {
  stage: StageId;
  status: 'ok';
  /** A short plain-words note of what was found ("Signed in as app 1f2e…"). */
  detail?: string;
}

export interface StageWarning {
  stage: StageId;
  status: 'warning';
  code: VerifyWarningCode;
  message: string;
  remedy: string;
}

export interface StageError {
  stage: StageId;
  status: 'error';
  code: VerifyErrorCode;
  message: string;
  remedy: string;
  /** The form field at fault, when one is. */
  field?: ConnectField;
  /** Seconds Azure asked us to wait (throttling). */
  retryAfterSeconds?: number;
}

export type StageResult = StageOk | StageWarning | StageError;

/** What a verification learns about the subscription and the principal. */
export interface VerifiedFacts {
  tenantId: string;
  subscriptionId: string;
  subscriptionName: string;
  principalId: string;
  roles: string[];
  secretExpiresOn?: string;
  /** `none`: Microsoft Graph lists the secret without an end date (it never expires: a risk). */
  expirySource: 'graph' | 'form' | 'unknown' | 'none';
}

export type VerifyOutcome =
  | { ok: true; stages: StageResult[]; facts: VerifiedFacts; warnings: StageWarning[] }
  | { ok: false; stages: StageResult[]; error: StageError };

/** A field-level complaint about the form. */
export interface FieldError {
  field: ConnectField;
  message: string;
  /** Set when the error is one the stages name too (a GUID where the secret's Value belongs). */
  code?: Extract<VerifyErrorCode, 'secret_looks_like_id'>;
}
