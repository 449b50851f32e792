import { type ErrorContext, stageError } from '../core/error-catalogue';
import type { StageError, StageId, VerifyErrorCode } from '../core/verification';
import { DeadlineExceeded, ThrottledByAzure } from './call-policy';

/** The parts of an SDK error the classifier reads (RestError, AuthenticationError, AbortError, ...). */
interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  response?: { headers?: { get(name: string): string | undefined } };
  cause?: unknown;
}

const AADSTS_CODES: Record<string, VerifyErrorCode> = {
  '7000215': 'secret_invalid',
  '7000222': 'secret_expired',
  '700016': 'app_not_found',
  '90002': 'tenant_not_found',
  '900023': 'tenant_not_found',
  '90013': 'tenant_not_found',
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'REQUEST_SEND_ERROR',
]);

function asErrorLike(e: unknown): ErrorLike {
  return e && typeof e === 'object' ? (e as ErrorLike) : { message: String(e) };
}

/**
 * The one place that reads Microsoft Entra ID's message text: the AADSTS code in a
 * token-endpoint error (the SDK exposes no code field for it).
 */
export function aadstsCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 4; depth++) {
    const m = /AADSTS(\d+)/.exec(asErrorLike(cur).message ?? '');
    if (m) return m[1];
    cur = asErrorLike(cur).cause;
  }
  return undefined;
}

function isNetworkFailure(e: ErrorLike): boolean {
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  const cause = e.cause ? asErrorLike(e.cause) : undefined;
  if (cause?.code && NETWORK_CODES.has(cause.code)) return true;
  return /endpoints_resolution_error|network_error|ECONNREFUSED|ECONNRESET|socket hang up|certificate/i.test(
    e.message ?? '',
  );
}

function isAbort(e: ErrorLike): boolean {
  return e.name === 'AbortError' || e.name === 'TimeoutError' || e instanceof DeadlineExceeded;
}

/** Maps a failed sign-in (token request) to a coded stage error. */
export function classifySignInError(e: unknown, ctx: ErrorContext, deadlineMs: number): StageError {
  const err = asErrorLike(e);
  if (isAbort(err)) return stageError('signin', 'timeout', { ...ctx, deadlineSeconds: deadlineMs / 1000 });
  const aad = aadstsCode(e);
  const code = aad ? AADSTS_CODES[aad] : undefined;
  if (code === 'secret_invalid' || code === 'secret_expired')
    return stageError('signin', code, ctx, { field: 'clientSecret' });
  if (code === 'app_not_found') return stageError('signin', code, ctx, { field: 'clientId' });
  if (code === 'tenant_not_found') return stageError('signin', code, ctx, { field: 'tenantId' });
  if (err.statusCode === 429) return stageError('signin', 'throttled', ctx);
  if (err.statusCode !== undefined && err.statusCode >= 500)
    return stageError('signin', 'azure_unavailable', {
      ...ctx,
      detail: `sign-in answered HTTP ${err.statusCode}`,
    });
  if (isNetworkFailure(err)) return stageError('signin', 'signin_unreachable', ctx);
  if (e instanceof ThrottledByAzure)
    return stageError('signin', 'throttled', { ...ctx, retryAfterSeconds: e.retryAfterSeconds });
  // Entra ID refused the sign-in for a reason we do not map: the values are the likely cause.
  if (aad || err.statusCode === 400 || err.statusCode === 401)
    return stageError(
      'signin',
      'secret_invalid',
      { ...ctx, ...(aad ? { detail: `AADSTS${aad}` } : {}) },
      {
        field: 'clientSecret',
        message: `Microsoft Entra ID refused the sign-in${aad ? ` (AADSTS${aad})` : ''}.`,
      },
    );
  // Anything else is not the person's values: do not tell them their secret is wrong.
  return stageError('signin', 'azure_unavailable', { ...ctx, detail: err.name ?? 'sign-in failed' });
}

/** Maps a failed Azure Resource Manager call to a coded stage error. */
export function classifyArmError(
  e: unknown,
  stage: StageId,
  ctx: ErrorContext,
  deadlineMs: number,
): StageError {
  const err = asErrorLike(e);
  if (e instanceof ThrottledByAzure)
    return stageError(stage, 'throttled', { ...ctx, retryAfterSeconds: e.retryAfterSeconds });
  if (isAbort(err)) return stageError(stage, 'timeout', { ...ctx, deadlineSeconds: deadlineMs / 1000 });
  const status = err.statusCode;
  if (status === 429) {
    const ra = err.response?.headers?.get('retry-after');
    return stageError(stage, 'throttled', {
      ...ctx,
      ...(ra && /^\d+$/.test(ra) ? { retryAfterSeconds: Number(ra) } : {}),
    });
  }
  if (err.code === 'SubscriptionNotFound' || (status === 404 && stage === 'subscription'))
    return stageError(stage, 'subscription_not_found', ctx, { field: 'subscriptionId' });
  if (err.code === 'InvalidAuthenticationTokenTenant')
    return stageError(
      stage,
      'subscription_wrong_tenant',
      { ...ctx, ownerTenantId: ownerTenant(err.message) },
      {
        field: 'tenantId',
      },
    );
  if (status === 403 || err.code === 'AuthorizationFailed')
    return stageError(stage, stage === 'subscription' ? 'no_access' : 'missing_reader', ctx);
  if (status !== undefined && (status >= 500 || status === 408))
    return stageError(stage, 'azure_unavailable', {
      ...ctx,
      detail: `HTTP ${status}${err.code ? ` ${err.code}` : ''}`,
    });
  if (isNetworkFailure(err))
    return stageError(stage, 'azure_unavailable', { ...ctx, detail: 'cannot reach Azure Resource Manager' });
  return stageError(stage, 'azure_unavailable', {
    ...ctx,
    detail: status
      ? `HTTP ${status}${err.code ? ` ${err.code}` : ''}`
      : (err.code ?? err.name ?? 'unexpected error'),
  });
}

/** ARM names the owning tenant in its InvalidAuthenticationTokenTenant message. */
function ownerTenant(message: string | undefined): string | undefined {
  const m =
    /associated with this subscription[\s\S]*?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(
      message ?? '',
    ) ?? /It must match the tenant '[^']*?([0-9a-f-]{36})/i.exec(message ?? '');
  return m?.[1];
}
