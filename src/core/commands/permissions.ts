/**
 * Who may change connections (SPEC 1.6): the user who made the connection, plus the ids in
 * OSTO_ADMINS; with OSTO_ADMINS unset, everyone. One function and one set of words, so both
 * channels refuse at the same point and say the same thing.
 */
import type { Reply } from '../reply';

export function mayChange(actor: string, admins: string[] | undefined, owner?: string): boolean {
  return !admins || admins.includes(actor) || owner === actor;
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
