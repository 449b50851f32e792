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
  AuthenticationError,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type ServiceClientCredentialsFactory,
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

/**
 * A Bot Framework token that does not pass (bad signature, unknown or unendorsed key, wrong
 * issuer, audience or serviceUrl, expired): always 401. botbuilder throws an AuthenticationError
 * for some of these and jsonwebtoken's own errors for others (a forged signature, a token not
 * valid yet), which CloudAdapter answers 500.
 */
export class TokenRefusedError extends AuthenticationError {
  override readonly name = 'TokenRefusedError';
  constructor(reason: string) {
    super(reason.slice(0, 200), 401);
  }
}

/** jsonwebtoken's errors: the token's fault (see jsonwebtoken/lib). */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * The token's fault, as a TokenRefusedError; undefined when the check itself failed (the OpenID
 * metadata or keys out of reach, the deadline passed, a bug): that is not the caller's doing.
 */
export function tokenRefusalOf(e: unknown): TokenRefusedError | undefined {
  if (e instanceof TokenRefusedError) return e;
  if (e instanceof AuthenticationError)
    return e.statusCode === 401 ? new TokenRefusedError(e.message) : undefined;
  const name = (e as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && JWT_ERRORS.has(name)
    ? new TokenRefusedError(`${name}: ${(e as Error).message}`)
    : undefined;
}

/** botbuilder's clock tolerance for every Bot Framework token (5 minutes). */
const CLOCK_TOLERANCE_S = 300;

/**
 * Refuses a token whose time window is over (or not begun) before botbuilder sees it: the same
 * rule as jsonwebtoken's with botbuilder's tolerance, so nothing valid is refused, but
 * botbuilder would print the expiry with a stack trace on stderr (console.error). The token is
 * decoded, not trusted: botbuilder still checks everything of a token that passes here.
 */
export function refuseOutOfTimeToken(authHeader: string): void {
  const payload = /^Bearer\s+[^.\s]+\.([^.\s]+)\./i.exec(authHeader.trim())?.[1];
  if (!payload) return;
  let claims: { exp?: unknown; nbf?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return;
  }
  if (!claims || typeof claims !== 'object') return;
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp === 'number' && now >= claims.exp + CLOCK_TOLERANCE_S)
    throw new TokenRefusedError('the token has expired');
  if (typeof claims.nbf === 'number' && claims.nbf > now + CLOCK_TOLERANCE_S)
    throw new TokenRefusedError('the token is not valid yet');
}

/**
 * botbuilder's configuration-based authentication, with deadlines on what it calls, and every
 * failure of the token (not of the check) thrown as a TokenRefusedError (401).
 */
export class DeadlineBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  /** Without MicrosoftAppId botbuilder checks no token (local mode), so neither does this class. */
  private readonly checksTokens: boolean;

  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    /** How the bot gets its own tokens; undefined = botbuilder's, from `options`. */
    credentialsFactory?: ServiceClientCredentialsFactory,
    private readonly connectorMs = CONNECTOR_DEADLINE_MS,
    private readonly authMs = AUTH_DEADLINE_MS,
  ) {
    super(options, credentialsFactory);
    this.checksTokens = Boolean(options.MicrosoftAppId?.trim());
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      if (this.checksTokens) refuseOutOfTimeToken(authHeader);
      result = await withDeadline(super.authenticateRequest(activity, authHeader), this.authMs);
    } catch (e) {
      throw tokenRefusalOf(e) ?? e;
    }
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
