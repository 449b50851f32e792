/**
 * The playground (local mode only): a web chat at `GET /` that talks to the bot exactly as
 * Teams does. The page posts what the user types to /playground/api/send; the server wraps it
 * into a Teams activity and posts it to its own /api/messages; the bot answers through the
 * Bot Connector API on the activity's serviceUrl, which is /playground/connector here; the
 * answers go into an in-memory transcript and reach the page over /playground/events (SSE).
 */
import type restify from 'restify';
import type { Logger } from '../core/ports';
import { registerConnectorRoutes } from './connector-routes';
import { registerEventsRoute } from './events-route';
import { registerSendRoute } from './send-route';
import { registerStaticRoutes } from './static-routes';
import { DEFAULT_LIMITS, type TranscriptLimits, Transcripts } from './transcript';

export interface PlaygroundOptions {
  log: Logger;
  /**
   * The Teams tenants (workspaces) the page offers; the first is where it starts. The playground
   * plays Teams, not Azure: these are made-up Teams tenants, unrelated to any Azure tenant.
   */
  tenants?: { id: string; displayName: string }[];
  limits?: Partial<TranscriptLimits>;
}

/** Two Teams tenants to switch between, to see that one workspace never sees another's connections. */
export const PLAYGROUND_TENANTS: [{ id: string; displayName: string }, { id: string; displayName: string }] =
  [
    { id: '0f5c1a7e-2b3d-4c8e-9a10-5e6f7a8b9c01', displayName: 'Team A (playground)' },
    { id: '7c2d9e41-8f3a-4b6c-a5d2-1e0f9b8a7c02', displayName: 'Team B (playground)' },
  ];

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
    defaultTenantId: (opts.tenants ?? PLAYGROUND_TENANTS)[0]?.id ?? PLAYGROUND_TENANTS[0].id,
    sampleTenants: opts.tenants ?? PLAYGROUND_TENANTS,
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
