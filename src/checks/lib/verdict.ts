/** Verdict constructors: fresh objects every time, and fail reasons kept to one short line. */

import type { Verdict } from '../../core/posture/rule';

/** Longest reason we emit; a reason is one sentence, shown in a chat card. */
export const MAX_REASON = 199;

export function pass(): Verdict {
  return { status: 'pass' };
}

export function notApplicable(): Verdict {
  return { status: 'not_applicable' };
}

/** A failing verdict; `subject` names the part at fault (an NSG rule, a firewall rule) for the fix. */
export function fail(reason: string, subject?: string): Verdict {
  const flat = reason.replace(/\s+/g, ' ').trim();
  const short = flat.length <= MAX_REASON ? flat : `${flat.slice(0, MAX_REASON - 1)}…`;
  return subject ? { status: 'fail', reason: short, subject } : { status: 'fail', reason: short };
}
