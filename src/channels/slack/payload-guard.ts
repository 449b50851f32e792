/**
 * What a body on /slack/events must look like before Bolt parses it. Bolt 5.1 reads
 * `body.ssl_check` outside its own error handling: a signed `payload=null` (or a JSON body
 * `null`) threw inside HTTPReceiver and stopped the process. Slack sends a form (slash
 * commands; interactivity as `payload=<JSON object>`) or a JSON object (events).
 */
import { parse } from 'node:querystring';
import { HttpError } from '../../http/errors';
import { parseJsonObject } from '../../http/json';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Whether any key of the form decodes to `payload` (however it is spelled: `%70ayload`, ...). */
function hasPayloadKey(form: string): boolean {
  for (const pair of form.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key === 'payload') return true;
    if (key.length < 7 || key.length > 64 || !/[%+]/.test(key)) continue;
    try {
      if (decodeURIComponent(key.replace(/\+/g, ' ')) === 'payload') return true;
    } catch {
      return true; // undecodable: let the full parse decide
    }
  }
  return false;
}

/** Throws HttpError 400 with a short reason when the body is not one Slack would send. */
export function checkSlackBody(contentType: string | undefined, raw: Buffer): void {
  const type = mediaType(contentType);
  const text = raw.toString('utf8');
  if (type === FORM) {
    // A slash command carries no payload: nothing to check (Bolt parses the form itself).
    if (!hasPayloadKey(text)) return;
    const form = parse(text);
    const payload = form.payload;
    if (payload === undefined) return;
    if (typeof payload !== 'string') throw new HttpError(400, 'payload: expected one JSON object');
    parseJsonObject(payload, 'payload');
    return;
  }
  if (type === JSON_TYPE) {
    parseJsonObject(text);
    return;
  }
  throw new HttpError(400, 'expected a form (application/x-www-form-urlencoded) or JSON body');
}
