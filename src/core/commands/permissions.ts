/**
 * Who may change connections (SPEC 1.6): the user who made the connection, plus the ids in
 * OSTO_ADMINS; with OSTO_ADMINS unset, everyone. One function and one set of words, so both
 * channels refuse at the same point and say the same thing.
 */
import type { Reply } from '../reply';

/** Who asks: the channel's stable id, and other names OSTO_ADMINS may use for them (a Teams UPN). */
export interface Asker {
  actor: string;
  aliases?: readonly string[];
}

/** Ids compare exactly; a UPN or e-mail (with `@`) compares without regard to case. */
function same(listed: string, who: string): boolean {
  return listed === who || (listed.includes('@') && listed.toLowerCase() === who.toLowerCase());
}

export function isAdmin(who: Asker, admins: readonly string[] | undefined): boolean {
  if (!admins) return true;
  const names = [who.actor, ...(who.aliases ?? [])];
  return admins.some((a) => names.some((n) => same(a, n)));
}

/** May this person change a connection: OSTO_ADMINS unset, listed in it, or its creator. */
export function mayChange(who: Asker, admins: readonly string[] | undefined, owner?: string): boolean {
  return isAdmin(who, admins) || owner === who.actor;
}

/** The refusal: what was asked and who may do it. */
export function notAllowed(what: string, connectionName?: string): Reply {
  const who = connectionName
    ? `whoever connected ${connectionName} and the admins listed in OSTO_ADMINS`
    : 'the admins listed in OSTO_ADMINS';
  return {
    kind: 'message',
    view: { title: 'Not allowed', text: `Only ${who} may ${what}.`, tone: 'bad' },
  };
}
