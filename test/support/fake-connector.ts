import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { CallLog, readBody } from './call-log';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** POST: the activity replied to; PUT: the activity updated. */
  activityId?: string;
  /** The id the connector gave (POST) or the updated id (PUT). */
  resultId: string;
  body: Record<string, unknown>;
  raw: string;
  at: number;
  /** The request's Authorization header (the bot's token, with MicrosoftAppId set). */
  authorization?: string;
}

/**
 * A local stand-in for the Bot Connector service: records what the bot sends
 * (replies, updates, deletes, proactive messages) and answers like the real one.
 */
export class FakeConnector {
  private readonly log = new CallLog<ConnectorCall>(
    'connector',
    (c) => `${c.method} ${c.path} ${cardText(c).slice(0, 120)}`,
  );
  get calls(): ConnectorCall[] {
    return this.log.calls;
  }
  private server?: Server;
  private failures: { method: string; status: number; times: number; conversationId?: string }[] = [];
  url = '';
  /** The roster: user id → what GET /v3/conversations/{id}/members/{userId} answers. */
  readonly members = new Map<string, Record<string, unknown>>();

  clearFailures(): void {
    this.failures = [];
  }

  /** The next `times` calls with this method (to this conversation, if given) answer `status` (after being recorded). */
  fail(method: string, status: number, times = 1, conversationId?: string): void {
    this.failures.push({ method, status, times, ...(conversationId ? { conversationId } : {}) });
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req);
      const path = req.url ?? '/';
      const member = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(path);
      if (member && req.method === 'GET') {
        const found = this.members.get(decodeURIComponent(member[1] as string));
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(found ?? { error: { code: 'MemberNotFoundInConversation', message: 'not found' } }),
        );
        return;
      }
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(path);
      if (!m) {
        res.writeHead(404);
        res.end();
        return;
      }
      const conversationId = decodeURIComponent(m[1] as string);
      const activityId = m[2] ? decodeURIComponent(m[2]) : undefined;
      const resultId = req.method === 'PUT' && activityId ? activityId : `act-${randomUUID()}`;
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      this.log.push({
        method: req.method ?? 'GET',
        path,
        conversationId,
        ...(activityId ? { activityId } : {}),
        resultId,
        body,
        raw,
        at: Date.now(),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      const failure = this.failures.find(
        (f) =>
          f.method === req.method &&
          f.times > 0 &&
          (f.conversationId === undefined || f.conversationId === conversationId),
      );
      if (failure) {
        failure.times -= 1;
        res.writeHead(failure.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'BadArgument', message: 'injected failure' } }));
        return;
      }
      // restify patches http.ServerResponse in this process: writeHead does not return `this`.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: resultId }));
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return this;
  }

  /** Waits until a call matches (checks the calls so far first). */
  waitFor(pred: (c: ConnectorCall) => boolean, timeoutMs = 20_000): Promise<ConnectorCall> {
    return this.log.waitFor(pred, timeoutMs);
  }

  summary(): string {
    return this.log.summary();
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}

/** The Adaptive Card sent in a call, if any. */
export function cardOf(c: ConnectorCall): Record<string, unknown> | undefined {
  const att = (
    c.body.attachments as { contentType?: string; content?: Record<string, unknown> }[] | undefined
  )?.[0];
  return att?.contentType === 'application/vnd.microsoft.card.adaptive' ? att.content : undefined;
}

/** Every string of a call's card (or text), joined: what a person would read. */
export function cardText(c: ConnectorCall | { body: Record<string, unknown> }): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'type') walk(x);
  };
  walk('content' in c.body ? c.body : (c.body.attachments ?? c.body.text));
  if (typeof c.body.text === 'string') out.push(c.body.text);
  return out.join(' | ');
}
