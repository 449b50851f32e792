import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { CallLog, readBody } from './call-log';

/** One call the bot made to the fake: a Web API method, or a POST to a response_url. */
export interface SlackCall {
  /** `chat.postMessage`, `views.open`, ... or `response_url`. */
  method: string;
  path: string;
  /** The parsed body; JSON-valued form fields (view, blocks) are parsed too. */
  body: Record<string, unknown>;
  /** The body as sent. */
  raw: string;
  /** The bearer token the call carried, if any. */
  token?: string;
  /** What the fake answered (Web API methods). */
  response: Record<string, unknown>;
  at: number;
}

interface Failure {
  method: string;
  error: string;
  when: (body: Record<string, unknown>, path: string) => boolean;
  remaining: number;
}

/**
 * A local stand-in for the Slack Web API (and for response_url): records every call with its
 * parsed body and answers like Slack does. Errors (`not_in_channel`, ...) can be set per
 * method and body.
 */
export class FakeSlack {
  private readonly log = new CallLog<SlackCall>('Slack', (c) => `${c.method} ${slackText(c).slice(0, 140)}`);
  get calls(): SlackCall[] {
    return this.log.calls;
  }
  url = '';
  private server?: Server;
  private failures: Failure[] = [];
  private seq = 0;

  /** SLACK_API_URL for the app. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A fresh response_url served by this fake. */
  responseUrl(id: string = randomUUID()): string {
    return `${this.url}/response/${id}`;
  }

  /**
   * Makes `method` answer `{ ok: false, error }` for calls that match `when` (all by default).
   * `response_url` fails too: it answers HTTP 500.
   */
  fail(
    method: string,
    error: string,
    when: (body: Record<string, unknown>, path: string) => boolean = () => true,
    times = 1e9,
  ) {
    this.failures.push({ method, error, when, remaining: times });
  }

  /** chat.postMessage to this channel fails as if the bot were not in it. */
  failChannel(channel: string, error = 'not_in_channel'): void {
    this.fail('chat.postMessage', error, (b) => b.channel === channel);
  }

  /** This response_url answers HTTP 500, as if it had expired. */
  failResponseUrl(url: string, error = 'expired_url'): void {
    this.fail('response_url', error, (_b, path) => url.endsWith(path));
  }

  clearFailures(): void {
    this.failures = [];
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req);
      const path = req.url ?? '/';
      const auth = req.headers.authorization;
      const api = /^\/api\/([\w.]+)/.exec(path);
      const isResponseUrl = path.startsWith('/response/');
      const body = parseBody(raw, req.headers['content-type']);
      const method = api ? (api[1] as string) : isResponseUrl ? 'response_url' : `unknown ${path}`;
      const response = api || isResponseUrl ? this.answer(method, body, path) : { ok: false };
      this.log.push({
        method,
        path,
        body,
        raw,
        ...(auth?.startsWith('Bearer ') ? { token: auth.slice(7) } : {}),
        response,
        at: Date.now(),
      });
      if (isResponseUrl) {
        res.writeHead(response.ok ? 200 : 500, { 'content-type': 'text/plain' });
        res.end(response.ok ? 'ok' : String(response.error));
        return;
      }
      res.writeHead(api ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(api ? response : { ok: false, error: 'not_found' }));
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return this;
  }

  private answer(method: string, body: Record<string, unknown>, path: string): Record<string, unknown> {
    const failure = this.failures.find((f) => f.method === method && f.remaining > 0 && f.when(body, path));
    if (failure) {
      failure.remaining -= 1;
      return { ok: false, error: failure.error };
    }
    const n = ++this.seq;
    switch (method) {
      case 'response_url':
        return { ok: true };
      case 'auth.test':
        return {
          ok: true,
          url: 'https://acme.slack.com/',
          team: 'Acme',
          user: 'osto',
          team_id: 'T0FAKE',
          user_id: 'U0OSTOBOT',
          bot_id: 'B0OSTOBOT',
        };
      case 'views.open':
      case 'views.push':
        return { ok: true, view: { ...(body.view as object), id: `V${n}`, hash: `hash-${n}` } };
      case 'views.update':
        return { ok: true, view: { ...(body.view as object), id: body.view_id, hash: `hash-${n}` } };
      case 'chat.postMessage':
        return {
          ok: true,
          channel: body.channel,
          ts: `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, '0')}`,
          message: { text: body.text, blocks: body.blocks },
        };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users ?? '').replace(/,/g, '')}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Calls made from index `from` on. */
  since(from: number): SlackCall[] {
    return this.calls.slice(from);
  }

  /** Waits until a call matches (checks the calls so far first). */
  waitFor(pred: (c: SlackCall) => boolean, timeoutMs = 20_000): Promise<SlackCall> {
    return this.log.waitFor(pred, timeoutMs);
  }

  summary(): string {
    return this.log.summary();
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}

/** Form fields (the Web API client's encoding) or JSON (response_url); JSON-looking fields parsed. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parseQuery(raw))) {
    const s = Array.isArray(v) ? v.join(',') : (v ?? '');
    if (/^[[{]/.test(s)) {
      try {
        out[k] = JSON.parse(s);
        continue;
      } catch {
        // not JSON after all
      }
    }
    out[k] = s;
  }
  return out;
}

/** Every string in a call's message or view (text, blocks), joined: what a person would read. */
export function slackText(c: { body: Record<string, unknown> }): string {
  const body = c.body;
  const out: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string') {
      if (key === 'text' || key === 'value' || key === 'initial_value') out.push(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(body.view ?? body.blocks ?? []);
  if (typeof body.text === 'string') out.push(body.text);
  return out.join(' | ');
}
