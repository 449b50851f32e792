/**
 * The one way a route reads its body: limited after decompression, refused with a 4xx and one
 * warn line naming the route and the reason, before any parsing, signature or token check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/ports';
import { HttpError } from './errors';
import { type JsonObject, parseJsonObject } from './json';
import { readBody } from './read-body';

/** Body limits per route, in bytes after decompression. */
export const BODY_LIMITS = {
  /** A Bot Framework activity: Teams messages stop at ~28 KB; cards and values stay well under. */
  teams: 256 * 1024,
  /** A Slack command, interaction or event. */
  slack: 256 * 1024,
  /** What the playground page sends (typed text and card values). */
  playgroundSend: 64 * 1024,
  /** What the bot sends to the playground's connector (cards). */
  playgroundConnector: 256 * 1024,
} as const;

/** The peer's address, for log lines. */
export function peerOf(req: IncomingMessage): string | undefined {
  return req.socket?.remoteAddress;
}

/** Answers a refused request: JSON `{ error }`, one warn line; the connection closes after a 413. */
export function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  error: HttpError,
  log: Logger,
  route: string,
): void {
  log.warn({ route, status: error.status, reason: error.reason, peer: peerOf(req) }, 'request refused');
  if (res.headersSent) return;
  const body = JSON.stringify({ error: error.reason });
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  };
  // The rest of an oversized body is not worth reading: close once the answer is out.
  if (error.status === 413) headers.connection = 'close';
  res.writeHead(error.status, headers);
  res.end(body);
}

function isJsonType(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return type === undefined || /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type);
}

/** A body already read, as a JSON object; HttpError 400 on anything else. */
export function jsonObjectOf(req: IncomingMessage, body: Buffer): JsonObject {
  if (!isJsonType(req)) throw new HttpError(400, 'expected a JSON body (content-type: application/json)');
  if (body.length === 0) throw new HttpError(400, 'the body is empty');
  return parseJsonObject(body.toString('utf8'));
}

/** Reads (within `limit`, decoded) and parses a JSON object body; HttpError on anything else. */
export async function readJsonObject(req: IncomingMessage, limit: number): Promise<JsonObject> {
  return jsonObjectOf(req, await readBody(req, { limit }));
}

/**
 * A restify handler that puts the JSON object body on `req.body`, or refuses the request
 * (restify's own bodyParser counts compressed bytes only).
 */
export function jsonBody(limit: number, log: Logger, route: string) {
  // A callback handler (restify refuses async handlers that take `next`).
  return (
    req: IncomingMessage & { body?: unknown },
    res: ServerResponse,
    next: (err?: false) => void,
  ): void => {
    readJsonObject(req, limit).then(
      (body) => {
        req.body = body;
        next();
      },
      (e: unknown) => {
        const error = e instanceof HttpError ? e : new HttpError(400, 'the body could not be read');
        refuse(req, res, error, log, route);
        next(false);
      },
    );
  };
}
