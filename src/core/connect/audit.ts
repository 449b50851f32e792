import { type AuditEntry, auditActor } from '../connection';
import type { Clock } from '../ports';
import type { AuditRepo } from '../store/ports';

/** Appends one entry of a connect (success, failure, refusal); never the secret. */
export function auditConnect(
  audit: AuditRepo,
  clock: Clock,
  who: { workspaceId: string; actor: string; actorName?: string | undefined },
  action: Extract<AuditEntry['action'], 'connect' | 'connect_failed'>,
  detail: string,
  target?: string,
): Promise<void> {
  return audit.append({
    workspaceId: who.workspaceId,
    ...auditActor(who),
    action,
    ...(target ? { target } : {}),
    outcome: action === 'connect' ? 'ok' : 'error',
    detail,
    at: clock.now().toISOString(),
  });
}
