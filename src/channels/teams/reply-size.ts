/**
 * Teams refuses a message of about 28 KB (the whole activity), and the person then gets
 * nothing at all. The views are built to stay far below that; this is the last line: a reply
 * that would still be too large is replaced by a short card saying so, and logged.
 */
import type { Activity } from 'botbuilder';
import type { Logger } from '../../core/ports';
import { cardActivity } from './activity';
import { renderMessage } from './cards';

/** Bytes of JSON an outgoing activity may take (Teams' limit is ~28 KB, envelope included). */
export const TEAMS_MAX_ACTIVITY_BYTES = 26_000;

/** Sizes of card contents already measured (cards are frozen and shared, see cards.ts). */
const measured = new WeakMap<object, number>();

function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== 'object' || v === null) return Buffer.byteLength(JSON.stringify(v));
  let n = measured.get(v);
  if (n === undefined) {
    n = Buffer.byteLength(JSON.stringify(v));
    measured.set(v, n);
  }
  return n;
}

/** The bytes an activity's content takes as JSON (text, attachments, value), plus their envelopes. */
export function activityBytes(a: Partial<Activity>): number {
  let n = jsonBytes(a.text) + jsonBytes(a.value);
  for (const att of a.attachments ?? []) n += jsonBytes(att.content) + jsonBytes(att.contentType) + 32;
  return n;
}

/** Shrinks `activity` in place when Teams would refuse it. */
export function fitToTeams(activity: Partial<Activity>, log: Logger): void {
  if (activity.type && activity.type !== 'message') return;
  const bytes = activityBytes(activity);
  if (bytes <= TEAMS_MAX_ACTIVITY_BYTES) return;
  log.error(
    { bytes, limit: TEAMS_MAX_ACTIVITY_BYTES },
    'a reply was too large for Teams; sent a short notice instead',
  );
  const notice = cardActivity(
    renderMessage({
      title: 'Too much to show here',
      text: 'This answer is too long for a Teams message. Ask for less at a time, for example one connection by name.',
    }),
  );
  activity.text = undefined;
  activity.attachments = notice.attachments;
}
