/**
 * What a Bot Framework activity must look like before botbuilder sees it. Teams always sends
 * these fields; anything else is a malformed or hostile request and gets a 400 with a short
 * reason instead of a stack trace in the log. Invokes other than the card action the bot
 * understands are refused too (botbuilder would answer 501 and log nothing).
 */
import { isIP } from 'node:net';

export interface ActivityProblem {
  status: 400;
  reason: string;
}

export interface ActivityGuardOptions {
  /** Local mode: the bot answers only a Bot Connector on this machine (the playground, Microsoft's local client). */
  loopbackServiceUrlOnly: boolean;
}

/** The invokes the bot answers. */
export const KNOWN_INVOKES = ['adaptiveCard/action'] as const;

const MAX_ID = 1024;
const MAX_ENTITIES = 64;
const MAX_MEMBERS = 256;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID;

function problem(reason: string): ActivityProblem {
  return { status: 400, reason };
}

/** `127.0.0.1`, `::1`, `localhost`: a peer on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/** Verdicts on serviceUrls already seen (Teams uses a handful), per mode: parsing a URL is not free. */
const seenUrls = new Map<string, string | undefined>();

function checkServiceUrl(v: unknown, opts: ActivityGuardOptions): string | undefined {
  if (typeof v !== 'string' || v.length > 2048) return 'serviceUrl: expected a URL';
  const key = `${opts.loopbackServiceUrlOnly ? 'L' : 'A'}${v}`;
  if (seenUrls.has(key)) return seenUrls.get(key);
  const verdict = judgeServiceUrl(v, opts);
  if (seenUrls.size >= 256) seenUrls.clear();
  seenUrls.set(key, verdict);
  return verdict;
}

function judgeServiceUrl(v: string, opts: ActivityGuardOptions): string | undefined {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return 'serviceUrl: expected a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'serviceUrl: expected an http(s) URL';
  if (url.username || url.password) return 'serviceUrl: must not carry credentials';
  if (opts.loopbackServiceUrlOnly && !isLoopbackHost(url.hostname))
    return 'serviceUrl: in local mode the bot answers only a Bot Connector on this machine (127.0.0.1)';
  return undefined;
}

function checkAccount(v: unknown, field: string): string | undefined {
  if (!isObj(v)) return `${field}: expected an object`;
  if (!isId(v.id)) return `${field}.id: expected an id`;
  if (v.aadObjectId !== undefined && !isId(v.aadObjectId)) return `${field}.aadObjectId: expected an id`;
  if (v.name !== undefined && typeof v.name !== 'string') return `${field}.name: expected a string`;
  return undefined;
}

function checkEntities(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length > MAX_ENTITIES) return `entities: expected at most ${MAX_ENTITIES} items`;
  for (const e of v) {
    if (!isObj(e) || typeof e.type !== 'string') return 'entities: each needs a type';
    if (e.type === 'mention') {
      const bad = checkAccount(e.mentioned, 'entities.mentioned');
      if (bad) return bad;
      if (e.text !== undefined && typeof e.text !== 'string') return 'entities.text: expected a string';
    }
  }
  return undefined;
}

function checkMembers(v: unknown, field: string): string | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length > MAX_MEMBERS)
    return `${field}: expected at most ${MAX_MEMBERS} accounts`;
  for (const m of v) {
    const bad = checkAccount(m, field);
    if (bad) return bad;
  }
  return undefined;
}

function checkInvoke(a: Obj): string | undefined {
  if (typeof a.name !== 'string' || !a.name) return 'invoke: name is missing';
  if (!(KNOWN_INVOKES as readonly string[]).includes(a.name))
    return `invoke "${a.name.slice(0, 64)}" is not supported by this bot`;
  const action = isObj(a.value) ? a.value.action : undefined;
  if (!isObj(action)) return 'adaptiveCard/action: value.action is missing';
  const data = action.data;
  if (data !== undefined && !isObj(data)) return 'adaptiveCard/action: action.data must be an object';
  const verb =
    typeof action.verb === 'string' && action.verb ? action.verb : isObj(data) ? data.action : undefined;
  if (typeof verb !== 'string' || !verb || verb.length > 64)
    return 'adaptiveCard/action: action.verb is missing';
  return undefined;
}

/** undefined when the activity may go to botbuilder; otherwise why not. */
export function checkActivity(a: Obj, opts: ActivityGuardOptions): ActivityProblem | undefined {
  const reason = firstProblem(a, opts);
  return reason ? problem(reason) : undefined;
}

function firstProblem(a: Obj, opts: ActivityGuardOptions): string | undefined {
  if (typeof a.type !== 'string' || !a.type || a.type.length > 64) return 'type: expected an activity type';
  if (!isId(a.channelId)) return 'channelId: expected a channel id';
  const url = checkServiceUrl(a.serviceUrl, opts);
  if (url) return url;
  if (!isObj(a.conversation)) return 'conversation: expected an object';
  if (!isId(a.conversation.id)) return 'conversation.id: expected an id';
  if (a.conversation.tenantId !== undefined && !isId(a.conversation.tenantId))
    return 'conversation.tenantId: expected an id';
  const from = checkAccount(a.from, 'from') ?? checkAccount(a.recipient, 'recipient');
  if (from) return from;
  if (a.id !== undefined && !isId(a.id)) return 'id: expected an id';
  if (a.replyToId !== undefined && !isId(a.replyToId)) return 'replyToId: expected an id';
  if (a.text !== undefined && typeof a.text !== 'string') return 'text: expected a string';
  if (a.channelData !== undefined) {
    if (!isObj(a.channelData)) return 'channelData: expected an object';
    const tenant = a.channelData.tenant;
    if (tenant !== undefined && (!isObj(tenant) || (tenant.id !== undefined && !isId(tenant.id))))
      return 'channelData.tenant.id: expected an id';
  }
  const more =
    checkEntities(a.entities) ??
    checkMembers(a.membersAdded, 'membersAdded') ??
    checkMembers(a.membersRemoved, 'membersRemoved');
  if (more) return more;
  if (a.type === 'invoke') return checkInvoke(a);
  return undefined;
}
