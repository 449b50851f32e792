/**
 * Azure Resource Graph, `POST /providers/Microsoft.ResourceGraph/resources`, for the simple queries a
 * posture scanner needs: `Resources`, `| where type =~ '…'`, `| where type in~ ('…', …)`, `| project a, b`,
 * `| order by col [asc|desc]`. 1,000 rows a page with `$skipToken`.
 */

import { type ArmCaller, canReadResources, visibleSubscriptions } from './arm-common';
import { armError, type Ctx, readBody, sendJson } from './http';
import { decodeSkipToken, encodeSkipToken, PAGE_SIZE } from './paging';
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
  options?: { $top?: number; $skip?: number; $skipToken?: string };
}

const quoted = (s: string, exact: boolean): string[] =>
  [...s.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => {
    const v = m[1] ?? m[2] ?? '';
    return exact ? v : v.toLowerCase();
  });

export function parseQuery(query: string): ParsedQuery | string {
  const stages = query.split('|').map((s) => s.trim());
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
    name: r.name,
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

export async function handleResourceGraph(ctx: Ctx, caller: ArmCaller): Promise<void> {
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
  const data = parsed.project
    ? page.map((r) => Object.fromEntries((parsed.project ?? []).map((c) => [c, r[c] ?? null])))
    : page;
  const result: Record<string, unknown> = {
    totalRecords: rows.length,
    count: data.length,
    data,
    facets: [],
    resultTruncated: 'false',
  };
  if (offset + top < rows.length) result['$skipToken'] = encodeSkipToken(offset + top);
  sendJson(ctx, 200, result, {
    'x-ms-user-quota-remaining': '14',
    'x-ms-user-quota-resets-after': '00:00:05',
  });
}
