/** ARM-style paging: `$top` and an opaque `$skiptoken`, with an absolute `nextLink` on the emulator's origin. */

import { armError, type Ctx } from './http';

export const PAGE_SIZE = 1000;

export function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeSkipToken(token: string | undefined): number | undefined {
  if (token === undefined || token === '') return 0;
  try {
    const o = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown }).o;
    return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Page size from `$top` (1..max), or undefined after answering 400. */
export function readTop(ctx: Ctx, max = PAGE_SIZE): number | undefined {
  const raw = ctx.query.get('$top');
  if (raw === undefined) return max;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    armError(
      ctx,
      400,
      'InvalidParameter',
      `The value '${raw}' of query parameter '$top' is not valid. It must be a positive integer.`,
    );
    return undefined;
  }
  return Math.min(n, max);
}

/** Path of the current request, re-encoded for use in a link. */
export function encodedPath(ctx: Ctx): string {
  return ctx.path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/**
 * One page of `items` as `{ value, nextLink? }`. The link carries api-version, `$top`, the `$filter`
 * and `$expand` of the request, and a `$skiptoken`. Answers 400 itself (and returns undefined) on bad input.
 */
export function armPage<T>(ctx: Ctx, items: readonly T[], project: (item: T) => unknown): object | undefined {
  const top = readTop(ctx);
  if (top === undefined) return undefined;
  const offset = decodeSkipToken(ctx.query.get('$skiptoken'));
  if (offset === undefined) {
    armError(ctx, 400, 'InvalidSkipToken', 'The provided $skiptoken is not valid.');
    return undefined;
  }
  const slice = items.slice(offset, offset + top);
  const body: { value: unknown[]; nextLink?: string } = { value: slice.map(project) };
  if (offset + top < items.length) {
    const q = new URLSearchParams();
    q.set('api-version', ctx.query.get('api-version') ?? '');
    for (const name of ['$filter', '$expand']) {
      const v = ctx.query.get(name);
      if (v !== undefined) q.set(name, v);
    }
    q.set('$top', String(top));
    q.set('$skiptoken', encodeSkipToken(offset + top));
    body.nextLink = `${ctx.state.url}${encodedPath(ctx)}?${q.toString()}`;
  }
  return body;
}
