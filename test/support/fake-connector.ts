import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

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
}

/**
 * A local stand-in for the Bot Connector service: records what the bot sends
 * (replies, updates, deletes, proactive messages) and answers like the real one.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server?: Server;
  private waiters: (() => void)[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req);
      const path = req.url ?? '/';
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
      this.calls.push({
        method: req.method ?? 'GET',
        path,
        conversationId,
        ...(activityId ? { activityId } : {}),
        resultId,
        body,
        raw,
        at: Date.now(),
      });
      // restify patches http.ServerResponse in this process: writeHead does not return `this`.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: resultId }));
      for (const w of this.waiters.splice(0)) w();
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return this;
  }

  /** Waits until a call matches (checks the calls so far first). */
  async waitFor(pred: (c: ConnectorCall) => boolean, timeoutMs = 20_000): Promise<ConnectorCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.calls.find(pred);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching connector call within ${timeoutMs} ms; saw:\n${this.summary()}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  summary(): string {
    return this.calls.map((c) => `${c.method} ${c.path} ${cardText(c).slice(0, 120)}`).join('\n');
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
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
