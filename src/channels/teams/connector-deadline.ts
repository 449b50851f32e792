/**
 * Every call to the Bot Connector has a deadline. botbuilder's ConnectorClient has none: a
 * serviceUrl that accepts the connection and never answers held `POST /api/messages` open for
 * as long as the peer liked. Here each Conversations call (send, reply, update, delete...)
 * gets an abort signal (the socket is torn down) and a race (nothing the SDK does first, such
 * as fetching a token, can outlast it), and any failure names the peer.
 */
import {
  type Activity,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
} from 'botframework-connector';

/** How long one Bot Connector call may take (Teams waits ~15 s for the bot's HTTP answer). */
export const CONNECTOR_DEADLINE_MS = 5_000;
/** How long checking an inbound token may take (the OpenID metadata and keys are fetched then). */
export const AUTH_DEADLINE_MS = 10_000;

/** A call to the Bot Connector failed: which peer, how (timed out, HTTP status, network). */
export class ConnectorDeliveryError extends Error {
  override readonly name = 'ConnectorDeliveryError';
  constructor(
    /** The serviceUrl's origin. */
    readonly peer: string,
    readonly kind: 'timeout' | 'http' | 'network',
    /** The HTTP status the connector answered (kind 'http'). */
    readonly status?: number,
    cause?: unknown,
  ) {
    super(
      kind === 'timeout'
        ? `the Bot Connector at ${peer} did not answer within ${CONNECTOR_DEADLINE_MS / 1000} s`
        : kind === 'http'
          ? `the Bot Connector at ${peer} answered HTTP ${status}`
          : `the Bot Connector at ${peer} could not be reached`,
      { cause },
    );
  }
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid serviceUrl';
  }
}

function statusOf(e: unknown): number | undefined {
  const s = (e as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** Runs `call` with an abort signal, resolving or failing within `ms`. */
export function withConnectorDeadline<T>(
  peer: string,
  ms: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      controller.abort();
      reject(new ConnectorDeliveryError(peer, 'timeout'));
    }, ms);
    call(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (e: unknown) => {
        clearTimeout(timer);
        if (controller.signal.aborted) reject(new ConnectorDeliveryError(peer, 'timeout', undefined, e));
        else {
          const status = statusOf(e);
          reject(new ConnectorDeliveryError(peer, status ? 'http' : 'network', status, e));
        }
      },
    );
  });
}

/** The Conversations operations botbuilder calls to answer, update and delete. */
const BOUNDED_OPERATIONS = [
  'sendToConversation',
  'replyToActivity',
  'updateActivity',
  'deleteActivity',
  'createConversation',
  'sendConversationHistory',
] as const;

type Operation = (...args: unknown[]) => Promise<unknown>;

/** Gives each operation a deadline (its options argument sits before the optional callback). */
function bound(conversations: ConnectorClient['conversations'], peer: string, ms: number): void {
  const ops = conversations as unknown as Record<string, Operation>;
  for (const name of BOUNDED_OPERATIONS) {
    const op = ops[name];
    if (typeof op !== 'function') continue;
    const at = Math.max(0, op.length - 2);
    ops[name] = (...args: unknown[]) =>
      withConnectorDeadline(peer, ms, (signal) => {
        const given = args[at];
        if (typeof given === 'function') return op.apply(conversations, args);
        const opts = (given ?? {}) as { abortSignal?: AbortSignal };
        args[at] = {
          ...opts,
          abortSignal: opts.abortSignal ? AbortSignal.any([opts.abortSignal, signal]) : signal,
        };
        return op.apply(conversations, args);
      });
  }
}

class BoundedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly ms: number,
  ) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const client = await this.inner.create(serviceUrl, audience);
    bound(client.conversations, originOf(serviceUrl), this.ms);
    return client;
  }
}

/** botbuilder's configuration-based authentication, with deadlines on what it calls. */
export class DeadlineBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly connectorMs = CONNECTOR_DEADLINE_MS,
    private readonly authMs = AUTH_DEADLINE_MS,
  ) {
    super(options);
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await withDeadline(super.authenticateRequest(activity, authHeader), this.authMs);
    return result.connectorFactory
      ? {
          ...result,
          connectorFactory: new BoundedConnectorFactory(result.connectorFactory, this.connectorMs),
        }
      : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new BoundedConnectorFactory(super.createConnectorFactory(claimsIdentity), this.connectorMs);
  }
}

/** The token check did not finish in time (its keys could not be fetched). */
export class AuthDeadlineError extends Error {
  override readonly name = 'AuthDeadlineError';
}

async function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AuthDeadlineError(`checking the Bot Framework token took more than ${ms / 1000} s`)),
      ms,
    );
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}
