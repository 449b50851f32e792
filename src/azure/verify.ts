import type { ErrorContext } from '../core/error-catalogue';
import { stageWarning } from '../core/error-catalogue';
import { StageFailure } from '../core/errors';
import type { Clock, VerifyOptions, VerifyRequest } from '../core/ports';
import type { StageResult, StageWarning, VerifiedFacts, VerifyOutcome } from '../core/verification';
import type { CallPolicy } from './call-policy';
import { AzureClients } from './clients';
import type { AzureEndpoints } from './endpoints';
import { checkRole } from './role-check';
import { readSecretExpiry } from './secret-expiry';
import { signIn } from './sign-in';
import { readSubscription } from './subscription';

export interface VerifyDeps {
  endpoints: AzureEndpoints;
  policy: CallPolicy;
  clock: Clock;
  /** The clients to use (one set per connect); made here when absent. */
  clients?: AzureClients;
}

/** Runs the Azure stages of SPEC 1.1 (sign-in, subscription, role, expiry) in order; the first error ends the run. */
export async function verify(
  req: VerifyRequest,
  opts: VerifyOptions,
  deps: VerifyDeps,
): Promise<VerifyOutcome> {
  const stages: StageResult[] = [];
  const warnings: StageWarning[] = [];
  const emit = async (r: StageResult) => {
    stages.push(r);
    if (r.status === 'warning') warnings.push(r);
    await opts.onStage?.(r);
  };

  // The core has checked the form (GUIDs, tenant, secret shape) before anything reaches Azure.
  const creds = req;
  const ctx: ErrorContext = {
    subscriptionId: creds.subscriptionId,
    tenantId: creds.tenantId,
    clientId: creds.clientId,
  };
  const clients = deps.clients ?? new AzureClients(creds, deps.endpoints, deps.policy);
  try {
    const who = await signIn(clients, ctx, deps.policy, opts.signal);
    await emit({ stage: 'signin', status: 'ok', detail: `Signed in as app ${creds.clientId}` });

    const sub = await readSubscription(clients, ctx, deps.policy, opts.signal);
    await emit({ stage: 'subscription', status: 'ok', detail: `${sub.displayName} (${sub.state})` });

    const role = await checkRole(clients, who.principalId, ctx, deps.policy, opts.signal);
    await emit(
      role.writeRoles.length > 0
        ? stageWarning('role', 'over_privileged', { ...ctx, roles: role.writeRoles })
        : { stage: 'role', status: 'ok', detail: role.roles.join(', ') },
    );

    const now = deps.clock.now();
    const lookup = await readSecretExpiry(clients, deps.policy, now, opts.signal);
    const never = lookup.known && 'never' in lookup;
    const expiresOn =
      lookup.known && 'expiresOn' in lookup
        ? lookup.expiresOn
        : never
          ? undefined
          : formDate(creds.secretExpiresOn);
    const source: VerifiedFacts['expirySource'] = never
      ? 'none'
      : lookup.known
        ? 'graph'
        : expiresOn
          ? 'form'
          : 'unknown';
    // Facts only: whether the date is near enough to warn about is the core's to decide.
    if (never) await emit(stageWarning('expiry', 'secret_never_expires', ctx));
    else if (!expiresOn)
      await emit(
        stageWarning('expiry', 'expiry_unknown', {
          ...ctx,
          ...(!lookup.known && lookup.reason === 'unavailable' ? { detail: 'unavailable' } : {}),
        }),
      );
    else
      await emit({
        stage: 'expiry',
        status: 'ok',
        detail: `expires ${expiresOn.slice(0, 10)} (from ${source === 'graph' ? 'Microsoft Graph' : 'the form'})`,
      });

    const facts: VerifiedFacts = {
      tenantId: sub.tenantId ?? who.tenantId,
      subscriptionId: creds.subscriptionId,
      subscriptionName: sub.displayName,
      principalId: who.principalId,
      roles: role.roles,
      expirySource: source,
      ...(expiresOn ? { secretExpiresOn: expiresOn } : {}),
    };
    return { ok: true, stages, facts, warnings };
  } catch (e) {
    if (!(e instanceof StageFailure)) throw e;
    await emit(e.result);
    return { ok: false, stages, error: e.result };
  }
}

function formDate(d: string | undefined): string | undefined {
  return d ? new Date(`${d}T00:00:00Z`).toISOString() : undefined;
}
