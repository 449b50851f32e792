/**
 * The expiry checker (SPEC 1.4): every OSTO_EXPIRY_CHECK_INTERVAL, for every connection, the
 * secret's end is read again from Microsoft Graph (the stored date when Graph cannot say), and
 * the alert now due is sent once: the ledger's unique (connection, secret, threshold) row is
 * written in the same transaction that stores the message, so no restart or second process
 * sends it twice. An expired secret moves its connection to Error with one message. A snooze
 * holds reminders back until it ends, then one comes.
 */
import type { CoreDeps } from '../commands/context';
import type { Connection } from '../connection';
import type { JobHandler } from '../jobs';
import { queueNotice } from '../notify/deliver';
import { alertDue, DEFAULT_EXPIRY_CHECK_MS, DEFAULT_EXPIRY_THRESHOLDS, EXPIRED } from './thresholds';
import { expiredReason, expiredReply, expiryAlertReply } from './views';

export const EXPIRY_JOB = 'expiry.check';
/** The checker's one job key: it checks every connection in one run. */
const ALL_CONNECTIONS = 'all';
/** Secrets stored before fingerprints existed share this one (rotating gives a real one). */
const LEGACY_FINGERPRINT = 'legacy';

/** Reads the secret's end again; a date Graph gives wins over the stored one. */
async function refreshExpiry(deps: CoreDeps, c: Connection): Promise<Connection> {
  if (c.status !== 'active') return c;
  const secret = await deps.store.connections.readSecret(c.workspaceId, c.id);
  const fact = await deps.azure.secretExpiry({
    tenantId: c.tenantId,
    clientId: c.clientId,
    clientSecret: secret,
    subscriptionId: c.subscriptionId,
  });
  if (!fact.known) return c;
  if ('never' in fact) {
    if (c.expirySource === 'none' && c.secretExpiresOn === undefined) return c;
    return (
      (await deps.store.connections.update(c.workspaceId, c.id, {
        expirySource: 'none',
        secretExpiresOn: undefined,
      })) ?? c
    );
  }
  if (c.expirySource === 'graph' && c.secretExpiresOn === fact.expiresOn) return c;
  return (
    (await deps.store.connections.update(c.workspaceId, c.id, {
      expirySource: 'graph',
      secretExpiresOn: fact.expiresOn,
    })) ?? c
  );
}

/** Checks one connection; true when a message was stored. */
export async function checkExpiry(deps: CoreDeps, stored: Connection): Promise<boolean> {
  const read = await refreshExpiry(deps, stored);
  if (!read.secretExpiresOn) return false;
  const now = deps.clock.now();
  const due = alertDue(read.secretExpiresOn, now, deps.expiryThresholdsDays ?? DEFAULT_EXPIRY_THRESHOLDS);
  if (!due) return false;
  const fingerprint = read.secretFingerprint ?? LEGACY_FINGERPRINT;
  const at = now.toISOString();
  const tells = read.notify !== 'off';
  return deps.store.transaction(async (tx) => {
    // Read again inside: a sync may have moved it to Error, or a snooze changed, meanwhile.
    const c = (await tx.connections.get(read.workspaceId, read.id)) ?? read;
    if (due.kind === 'expired') {
      if (!(await tx.expiryAlerts.record(c.workspaceId, c.id, fingerprint, EXPIRED, at))) return false;
      // Already in Error (a sync failed on the expired secret and said so): nothing more to say.
      if (c.status !== 'active') return false;
      const broken = await tx.connections.update(c.workspaceId, c.id, {
        status: 'error',
        statusReason: expiredReason(c),
        statusSince: at,
      });
      return tells && queueNotice(tx.jobs, c, 'expired', expiredReply(broken ?? c), now);
    }
    const snoozedUntil = c.expirySnoozedUntil;
    if (snoozedUntil && Date.parse(snoozedUntil) > now.getTime()) return false;
    const fresh = await tx.expiryAlerts.record(c.workspaceId, c.id, fingerprint, due.threshold, at);
    // A snooze that ended brings the alert back once (its own ledger row), then it is cleared.
    const reminder =
      !fresh &&
      snoozedUntil !== undefined &&
      (await tx.expiryAlerts.record(c.workspaceId, c.id, fingerprint, `snooze:${snoozedUntil}`, at));
    if (snoozedUntil) await tx.connections.update(c.workspaceId, c.id, { expirySnoozedUntil: undefined });
    if (!fresh && !reminder) return false;
    return (
      tells &&
      queueNotice(tx.jobs, c, `expiry-${due.threshold}`, expiryAlertReply(c, due.days, reminder), now)
    );
  });
}

/** The recurring check of every connection (one job for all; a connection's failure stays its own). */
export function expiryCheckJob(deps: CoreDeps): JobHandler {
  const every = deps.expiryCheckIntervalMs ?? DEFAULT_EXPIRY_CHECK_MS;
  return {
    run: async () => {
      let sent = 0;
      for (const { workspaceId, id } of await deps.store.connections.listForSchedule()) {
        try {
          const c = await deps.store.connections.get(workspaceId, id);
          if (c && (await checkExpiry(deps, c))) sent += 1;
        } catch (e) {
          deps.log.error({ err: e, workspace: workspaceId, connection: id }, 'expiry check failed');
        }
      }
      if (sent > 0) {
        deps.log.info({ alerts: sent }, 'expiry alerts stored');
        deps.jobs.nudge();
      }
      return { next: new Date(deps.clock.now().getTime() + every) };
    },
  };
}

/** At start: the checker runs now, then every interval (one record, however many restarts). */
export async function ensureExpiryCheck(deps: CoreDeps): Promise<void> {
  await deps.jobs.enqueue({ kind: EXPIRY_JOB, key: ALL_CONNECTIONS, payload: {}, maxAttempts: 1 });
}
