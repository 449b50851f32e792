/**
 * Azure Resource Graph, `POST /providers/Microsoft.ResourceGraph/resources`, for the simple queries a
 * posture scanner needs: `Resources`, `| where type =~ '…'`, `| where type in~ ('…', …)`, `| project a, b`,
 * `| order by col [asc|desc]`. 1,000 rows a page with `$skipToken`.
 */

import { type ArmCaller, canReadResources, visibleSubscriptions } from './arm-common';
import { armError, type Ctx, readBody, sendJson } from './http';
import { decodeSkipToken, encodeSkipToken, PAGE_SIZE } from './paging';
import { hms } from './throttle';
import { type EmulatedResource, findSubscription, type Subscription } from './world';

interface ParsedQuery {
  /** Wanted types; compared with Resource Graph's lower-case `type`, exactly for `==`/`in`. */
  types?: Set<string>;
  typesCaseSensitive?: boolean;
  project?: string[];
  order?: { column: string; desc: boolean };
}

interface QueryBody {
  subscriptions?: string[];
  query?: string;
  options?: { $top?: number; $skip?: number; $skipToken?: string; resultFormat?: string };
}

const quoted = (s: string, exact: boolean): string[] =>
  [...s.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => {
    const v = m[1] ?? m[2] ?? '';
    return exact ? v : v.toLowerCase();
  });

export function parseQuery(query: string): ParsedQuery | string {
  const stages = query.split('|').map((s) => s.replace(/\s+/g, ' ').trim());
  const parsed: ParsedQuery = {};
  if (!/^resources$/i.test(stages[0] ?? ''))
    return `The emulator supports only queries on the Resources table, got '${stages[0]}'.`;
  for (const stage of stages.slice(1)) {
    const eqType = /^where\s+type\s*(=~|==)\s*('[^']*'|"[^"]*")$/i.exec(stage);
    const inType = /^where\s+type\s+in(~?)\s*\((.*)\)$/i.exec(stage);
    const project = /^project\s+(.+)$/i.exec(stage);
    const order = /^(?:order|sort)\s+by\s+(\w+)(?:\s+(asc|desc))?$/i.exec(stage);
    if (eqType?.[2]) {
      parsed.typesCaseSensitive = eqType[1] === '==';
      parsed.types = new Set(quoted(eqType[2], parsed.typesCaseSensitive));
    } else if (inType?.[2] !== undefined) {
      parsed.typesCaseSensitive = inType[1] !== '~';
      parsed.types = new Set(quoted(inType[2], parsed.typesCaseSensitive));
    } else if (project?.[1]) parsed.project = project[1].split(',').map((c) => c.trim());
    else if (order?.[1]) parsed.order = { column: order[1], desc: order[2]?.toLowerCase() === 'desc' };
    else return `The emulator does not support the query stage '${stage}'.`;
  }
  return parsed;
}

function row(sub: Subscription, r: EmulatedResource): Record<string, unknown> {
  return {
    id: r.id,
    // A nested resource (`server/db` in resources.list) is named by its last segment here.
    name: r.name.slice(r.name.lastIndexOf('/') + 1),
    // Resource Graph returns types in lower case.
    type: r.type.toLowerCase(),
    tenantId: sub.tenantId,
    kind: r.kind ?? '',
    location: r.location,
    resourceGroup: (r.id.split('/')[4] ?? '').toLowerCase(),
    subscriptionId: sub.subscriptionId,
    managedBy: '',
    sku: r.sku ?? null,
    plan: null,
    properties: r.properties,
    tags: r.tags ?? null,
    identity: r.identity ?? null,
    zones: null,
    extendedLocation: null,
  };
}

function invalidQuery(ctx: Ctx, message: string): void {
  sendJson(ctx, 400, {
    error: {
      code: 'BadRequest',
      message: 'Please provide below info when asking for support: timestamp, correlationId.',
      details: [
        {
          code: 'InvalidQuery',
          message:
            'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
        },
        { code: 'ParserFailure', message },
      ],
    },
  });
}

/** Counts the request against the caller's quota and sets the headers; false after answering 429. */
function spendQuota(ctx: Ctx, caller: ArmCaller): boolean {
  const q = ctx.state.graphQuota.take(caller.claims.oid);
  ctx.headers['x-ms-user-quota-remaining'] = String(q.remaining);
  ctx.headers['x-ms-user-quota-resets-after'] = hms(q.resetsInMs);
  if (q.ok || !ctx.state.enforceGraphQuota) return true;
  sendJson(
    ctx,
    429,
    {
      error: {
        code: 'RateLimiting',
        message: `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${ctx.headers['x-ms-correlation-request-id'] ?? ''}.`,
        details: [
          {
            code: 'RateLimiting',
            message:
              'Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.',
          },
        ],
      },
    },
    { 'retry-after': String(Math.max(1, Math.ceil(q.resetsInMs / 1000))) },
  );
  return false;
}

function columnType(values: unknown[]): string {
  const v = values.find((x) => x !== null && x !== undefined);
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'real';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'object') return 'object';
  return 'string';
}

/** `resultFormat: 'table'`: `{ columns: [{ name, type }], rows: [[…]] }`. */
function asTable(data: Record<string, unknown>[], columns: string[]) {
  return {
    columns: columns.map((name) => ({ name, type: columnType(data.map((d) => d[name])) })),
    rows: data.map((d) => columns.map((c) => d[c] ?? null)),
  };
}

export async function handleResourceGraph(ctx: Ctx, caller: ArmCaller): Promise<void> {
  if (!spendQuota(ctx, caller)) return;
  if (ctx.method !== 'POST') {
    armError(ctx, 405, 'MethodNotAllowed', 'Resource Graph queries are sent with POST.');
    return;
  }
  let body: QueryBody;
  try {
    body = JSON.parse((await readBody(ctx.req)) || '{}') as QueryBody;
  } catch {
    armError(
      ctx,
      400,
      'InvalidRequestContent',
      'The request content was invalid and could not be deserialized.',
    );
    return;
  }
  const parsed = parseQuery(body.query ?? '');
  if (typeof parsed === 'string') return invalidQuery(ctx, parsed);

  const tid = caller.claims.tid.toLowerCase();
  const subs = (
    body.subscriptions
      ? body.subscriptions
          .map((id) => findSubscription(ctx.state.world, id))
          .filter((s): s is Subscription => !!s)
      : visibleSubscriptions(ctx, caller)
  ).filter((s) => s.tenantId.toLowerCase() === tid);

  const rows: Record<string, unknown>[] = [];
  for (const sub of subs) {
    const readable = new Map<string, boolean>();
    for (const r of sub.resources) {
      const t = r.type.toLowerCase();
      if (parsed.types && !parsed.types.has(t)) continue;
      let ok = readable.get(t);
      if (ok === undefined) {
        ok = canReadResources(sub, caller, `${r.type}/read`);
        readable.set(t, ok);
      }
      if (ok) rows.push(row(sub, r));
    }
  }
  if (parsed.order) {
    const { column, desc } = parsed.order;
    const key = (o: Record<string, unknown>) => String(o[column] ?? '');
    rows.sort((a, b) => (desc ? -1 : 1) * key(a).localeCompare(key(b)));
  }

  const opts = body.options ?? {};
  const top = Math.min(Math.max(1, Number(opts.$top ?? PAGE_SIZE) || PAGE_SIZE), PAGE_SIZE);
  const offset = opts.$skipToken
    ? decodeSkipToken(opts.$skipToken)
    : Math.max(0, Number(opts.$skip ?? 0) || 0);
  if (offset === undefined) {
    armError(ctx, 400, 'InvalidSkipToken', 'The provided $skipToken is not valid.');
    return;
  }
  const page = rows.slice(offset, offset + top);
  const columns = parsed.project ?? Object.keys(page[0] ?? row(subs[0] ?? ({} as Subscription), EMPTY));
  const data = parsed.project
    ? page.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))
    : page;
  const result: Record<string, unknown> = {
    totalRecords: rows.length,
    count: data.length,
    data: opts.resultFormat?.toLowerCase() === 'table' ? asTable(data, columns) : data,
    facets: [],
    resultTruncated: 'false',
  };
  if (offset + top < rows.length) result['$skipToken'] = encodeSkipToken(offset + top);
  sendJson(ctx, 200, result);
}

const EMPTY: EmulatedResource = { id: '', name: '', type: '', location: '', properties: {} };
