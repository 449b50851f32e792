/**
 * The playground (local mode only): a web chat at `GET /` that talks to the bot exactly as
 * Teams does. The page posts what the user types to /playground/api/send; the server wraps it
 * into a Teams activity and posts it to its own /api/messages; the bot answers through the
 * Bot Connector API on the activity's serviceUrl, which is /playground/connector here; the
 * answers go into an in-memory transcript and reach the page over /playground/events (SSE).
 */
import type restify from 'restify';
import type { Logger } from '../core/ports';
import { CONTOSO, FABRIKAM } from '../emulator/sample-directory';
import { registerConnectorRoutes } from './connector-routes';
import { registerEventsRoute } from './events-route';
import { registerSendRoute } from './send-route';
import { registerStaticRoutes } from './static-routes';
import { DEFAULT_LIMITS, type TranscriptLimits, Transcripts } from './transcript';

export interface PlaygroundOptions {
  log: Logger;
  /** The tenant the page starts with; defaults to the sample Contoso tenant of the emulator. */
  defaultTenantId?: string;
  limits?: Partial<TranscriptLimits>;
}

export interface Playground {
  transcripts: Transcripts;
  /** Open event streams (browser tabs). */
  readonly streams: number;
  /** Ends the open event streams so the server can close. */
  close(): void;
}

/** Registers the playground's routes on the server (call it before the server listens). */
export function registerPlayground(server: restify.Server, opts: PlaygroundOptions): Playground {
  const transcripts = new Transcripts({ ...DEFAULT_LIMITS, ...opts.limits });
  const selfUrl = () => {
    const a = server.address();
    const host = !a.address || a.address === '0.0.0.0' || a.address === '::' ? '127.0.0.1' : a.address;
    return `http://${host.includes(':') ? `[${host}]` : host}:${a.port}`;
  };
  registerStaticRoutes(server, {
    defaultTenantId: opts.defaultTenantId ?? CONTOSO.id,
    sampleTenants: [CONTOSO, FABRIKAM],
    log: opts.log,
  });
  registerSendRoute(server, { transcripts, selfUrl, log: opts.log });
  registerConnectorRoutes(server, transcripts, opts.log);
  const streams = registerEventsRoute(server, transcripts);
  return {
    transcripts,
    get streams() {
      return streams.size;
    },
    close: () => streams.closeAll(),
  };
}
