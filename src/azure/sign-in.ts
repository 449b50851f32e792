import type { ErrorContext } from '../core/error-catalogue';
import { stageError } from '../core/error-catalogue';
import { StageFailure } from '../core/errors';
import { type CallPolicy, deadlineSignal, withDeadline } from './call-policy';
import { classifySignInError } from './classify-error';
import type { AzureClients } from './clients';
import { scopeOf } from './endpoints';
import { readClaims } from './jwt-claims';

export interface SignedIn {
  principalId: string;
  tenantId: string;
}

/** Stage 1: a token for Azure Resource Manager as the service principal; its `oid` is the principal. */
export async function signIn(
  clients: AzureClients,
  ctx: ErrorContext,
  policy: CallPolicy,
  signal?: AbortSignal,
): Promise<SignedIn> {
  const ms = policy.stageDeadlineMs;
  const deadline = deadlineSignal(ms, signal);
  let token: string;
  try {
    const t = await withDeadline(deadline, ms, () =>
      clients.credential.getToken(scopeOf(clients.endpoints.resourceManager), { abortSignal: deadline }),
    );
    if (!t)
      throw new StageFailure(
        stageError('signin', 'azure_unavailable', { ...ctx, detail: 'no token returned' }),
      );
    token = t.token;
  } catch (e) {
    if (e instanceof StageFailure) throw e;
    let result = classifySignInError(clients.signInThrottled ?? e, ctx, ms);
    if (result.code === 'signin_unreachable' && (await tenantIsUnknown(clients, deadline)))
      result = stageError('signin', 'tenant_not_found', ctx, { field: 'tenantId' });
    throw new StageFailure(result);
  }
  const claims = readClaims(token);
  if (!claims.oid)
    throw new StageFailure(
      stageError('signin', 'azure_unavailable', { ...ctx, detail: 'the token names no principal' }),
    );
  return { principalId: claims.oid, tenantId: claims.tid ?? clients.creds.tenantId };
}

/**
 * MSAL reports an unknown tenant and an unreachable authority alike
 * (endpoints_resolution_error); asking for the tenant's OpenID configuration tells them apart.
 */
async function tenantIsUnknown(clients: AzureClients, signal: AbortSignal): Promise<boolean> {
  const base = clients.endpoints.authorityHost.replace(/\/+$/, '');
  const url = `${base}/${encodeURIComponent(clients.creds.tenantId)}/v2.0/.well-known/openid-configuration`;
  try {
    const res = await fetch(url, { signal });
    if (res.ok) return false;
    const body = await res.text();
    return res.status === 400 || res.status === 404
      ? /AADSTS90002|invalid_tenant|900023/.test(body) || res.status === 404
      : false;
  } catch {
    return false;
  }
}
