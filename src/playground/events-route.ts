/**
 * `GET /playground/events?conversationId=...`: a Server-Sent Events stream of one
 * conversation. First the transcript so far (one `activity` event each), then `ready`, then
 * live `activity`, `update` (a card replaced in place) and `delete` events as the bot sends them,
 * so proactive messages and card updates appear without a reload.
 */
import type { ServerResponse } from 'node:http';
import type restify from 'restify';
import type { PlaygroundEvent, Transcripts } from './transcript';

const PING_MS = 15_000;
const CONVERSATION = /^[A-Za-z0-9:._@-]{1,128}$/;

export interface EventStreams {
  /** Open streams. */
  readonly size: number;
  /** Ends every open stream (server shutdown). */
  closeAll(): void;
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function registerEventsRoute(server: restify.Server, transcripts: Transcripts): EventStreams {
  const open = new Set<ServerResponse>();

  server.get('/playground/events', async (req: restify.Request, res: restify.Response) => {
    const conversationId = new URL(req.url ?? '/', 'http://playground').searchParams.get('conversationId');
    if (!conversationId || !CONVERSATION.test(conversationId)) {
      res.send(400, { error: 'conversationId: expected 1-128 letters, digits or : . _ @ -' });
      return;
    }
    // restify patches http.ServerResponse: writeHead() does not return `this`, so no chaining.
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    for (const entry of transcripts.list(conversationId)) res.write(frame('activity', entry));
    res.write(frame('ready', { conversationId }));

    // Nothing may be written once the stream ended (that would be an unhandled 'error' event).
    const write = (chunk: string) => {
      if (!res.writableEnded && !res.destroyed) res.write(chunk);
    };
    const send = (e: PlaygroundEvent) => write(frame(e.type, e.type === 'delete' ? { id: e.id } : e.entry));
    const unsubscribe = transcripts.subscribe(conversationId, send);
    const ping = setInterval(() => write(': ping\n\n'), PING_MS);
    ping.unref();
    open.add(res);
    await new Promise<void>((resolve) => {
      res.once('close', () => resolve());
    });
    clearInterval(ping);
    unsubscribe();
    open.delete(res);
  });

  return {
    get size() {
      return open.size;
    },
    closeAll() {
      // End each stream and its connection, so a closing server need not wait for keep-alive.
      for (const res of open) {
        const socket = res.socket;
        res.end();
        socket?.end();
      }
    },
  };
}
