/**
 * A connection's health after a sync (SPEC 1.3): a sync that cannot sign in or read the
 * subscription moves it to Error (once: further failures stay silent); a failure that passes by
 * itself (throttling, an outage, a timeout) leaves the status and is only noted; the first
 * success after an Error brings it back to Active.
 */
import type { Connection } from '../connection';
import type { ConnectionPatch } from '../store/ports';
import type { StageError } from '../verification';

/** Failures that pass by themselves: the next sync will likely work. */
const PASSING: ReadonlySet<string> = new Set([
  'throttled',
  'azure_unavailable',
  'timeout',
  'signin_unreachable',
]);

export function breaksConnection(e: StageError): boolean {
  return !PASSING.has(e.code);
}

/** Why a stored connection failed, and what to do: a refused secret is fixed with `rotate`. */
export function reasonOf(e: StageError, c?: Pick<Connection, 'name'>): string {
  if (c && (e.code === 'secret_expired' || e.code === 'secret_invalid'))
    return `${e.message} Create a new client secret in the app registration (Certificates & secrets), then update it with /osto rotate ${c.name}.`;
  return `${e.message} ${e.remedy}`.trim();
}

/** What a failed sync changes in the connection, and whether it broke it just now. */
export function failurePatch(
  c: Connection,
  e: StageError,
  at: string,
): { patch: ConnectionPatch; broke: boolean } {
  if (!breaksConnection(e)) return { patch: { syncError: e.message }, broke: false };
  if (c.status === 'error')
    return { patch: { statusReason: reasonOf(e, c), syncError: undefined }, broke: false };
  return {
    patch: { status: 'error', statusReason: reasonOf(e, c), statusSince: at, syncError: undefined },
    broke: true,
  };
}

/** What a successful sync changes in the connection's health. */
export function successPatch(c: Connection, at: string): ConnectionPatch {
  return c.status === 'error'
    ? { status: 'active', statusReason: undefined, statusSince: at, syncError: undefined }
    : { syncError: undefined };
}
