/**
 * The Bot Framework's side of authentication, played locally over HTTPS (the trusted test
 * certificate): the Bot Connector's OpenID metadata and signing keys, tokens signed as the Bot
 * Connector signs them, and an Entra ID-like authority that issues the bot its own tokens for
 * replies (client credentials). Every request it gets is recorded, so a test can show that
 * authentication went here and nowhere else.
 */
import { generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import { readBody } from './call-log';
import { testTls } from './emulator';

/** Which key signs a token: endorsed for Teams, endorsed for another channel only, or one the JWKS lacks. */
export type SigningKey = 'msteams' | 'webchat' | 'stranger';

export interface TokenRequest {
  tenant: string;
  form: Record<string, string>;
  /** The access token answered, if the client was accepted. */
  issued?: string;
}

export interface FakeBotConnectorAuthOptions {
  appId: string;
  appPassword: string;
  tenantId: string;
}

interface Key {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

function rsaKey(kid: string, endorsements?: string[]): Key {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n, e } = publicKey.export({ format: 'jwk' });
  return {
    kid,
    privateKey,
    // The shape login.botframework.com publishes (x5t/x5c aside).
    jwk: { kty: 'RSA', use: 'sig', kid, n, e, ...(endorsements ? { endorsements } : {}) },
  };
}

const b64url = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

export class FakeBotConnectorAuth {
  /** Every request, `METHOD /path`, in order. */
  readonly hits: string[] = [];
  readonly tokenRequests: TokenRequest[] = [];
  /** What the bot must accept as the Bot Connector's token issuer (never fetched). */
  readonly issuer = 'https://api.botframework.test';
  /** The scope the bot asks its own tokens for (never fetched). */
  readonly oauthScope = 'https://api.botframework.test';
  /** An unknown ChannelService: botbuilder then needs every endpoint set. */
  readonly channelService = 'https://botframework.test';
  url = '';
  private server?: Server;
  private readonly keys: Record<SigningKey, Key> = {
    msteams: rsaKey('teams-key', ['msteams']),
    webchat: rsaKey('webchat-key', ['webchat']),
    stranger: rsaKey('stranger-key'),
  };

  constructor(private readonly opts: FakeBotConnectorAuthOptions) {}

  get openIdMetadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  /** The authority the bot gets its own tokens from (its tenant, as a single-tenant bot's). */
  get loginUrl(): string {
    return `${this.url}/${this.opts.tenantId}`;
  }

  get oauthUrl(): string {
    return `${this.url}/oauth`;
  }

  /** The environment that points the bot here for everything Bot Framework authentication needs. */
  env(): Record<string, string> {
    return {
      MicrosoftAppId: this.opts.appId,
      MicrosoftAppPassword: this.opts.appPassword,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: this.opts.tenantId,
      ChannelService: this.channelService,
      ToBotFromChannelOpenIdMetadataUrl: this.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: this.issuer,
      ToChannelFromBotLoginUrl: this.loginUrl,
      ToChannelFromBotOAuthScope: this.oauthScope,
      OAuthUrl: this.oauthUrl,
      ValidateAuthority: 'false',
    };
  }

  /** Every access token the authority has issued. */
  get issuedTokens(): string[] {
    return this.tokenRequests.flatMap((r) => (r.issued ? [r.issued] : []));
  }

  /**
   * A token as the Bot Connector sends with an activity (RS256; iss, aud = the bot's app id,
   * serviceurl = the activity's, nbf, exp), with any claim overridden. `kid` defaults to the
   * signing key's own: pass another to put a known key id on a foreign signature.
   */
  token(
    serviceUrl: string,
    opts: { key?: SigningKey; kid?: string; claims?: Record<string, unknown> } = {},
  ): string {
    const key = this.keys[opts.key ?? 'msteams'];
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: opts.kid ?? key.kid };
    const payload = {
      serviceurl: serviceUrl,
      nbf: now - 60,
      exp: now + 3600,
      iss: this.issuer,
      aud: this.opts.appId,
      ...opts.claims,
    };
    const input = `${b64url(header)}.${b64url(payload)}`;
    return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
  }

  async start(): Promise<this> {
    const tls = testTls();
    this.server = createServer(tls, (req, res) => {
      void this.handle(req.method ?? 'GET', req.url ?? '/', req).then(
        ({ status, body }) => {
          const text = JSON.stringify(body);
          // restify patches http.ServerResponse in this process: writeHead does not return `this`.
          res.writeHead(status, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
          });
          res.end(text);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    const addr = this.server.address();
    this.url = `https://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return this;
  }

  private async handle(
    method: string,
    path: string,
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown }> {
    const raw = await readBody(req);
    this.hits.push(`${method} ${path.split('?')[0]}`);
    const tenant = this.opts.tenantId;
    if (method === 'GET' && path === '/v1/.well-known/openidconfiguration')
      return {
        status: 200,
        body: {
          issuer: this.issuer,
          authorization_endpoint: 'https://invalid.botframework.test',
          jwks_uri: `${this.url}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        },
      };
    if (method === 'GET' && path === '/v1/.well-known/keys')
      return { status: 200, body: { keys: [this.keys.msteams.jwk, this.keys.webchat.jwk] } };
    if (method === 'GET' && path === `/${tenant}/v2.0/.well-known/openid-configuration`)
      return {
        status: 200,
        body: {
          issuer: `${this.url}/${tenant}/v2.0`,
          authorization_endpoint: `${this.url}/${tenant}/oauth2/v2.0/authorize`,
          token_endpoint: `${this.url}/${tenant}/oauth2/v2.0/token`,
          jwks_uri: `${this.url}/${tenant}/discovery/v2.0/keys`,
          token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
          response_types_supported: ['code', 'id_token', 'token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          tenant_region_scope: null,
        },
      };
    const m = /^\/([^/]+)\/oauth2\/v2\.0\/token(?:\?.*)?$/.exec(path);
    if (method === 'POST' && m) {
      const form = Object.fromEntries(new URLSearchParams(raw));
      const request: TokenRequest = { tenant: m[1] as string, form };
      this.tokenRequests.push(request);
      const ok =
        request.tenant === tenant &&
        form.grant_type === 'client_credentials' &&
        form.client_id === this.opts.appId &&
        form.client_secret === this.opts.appPassword &&
        form.scope === `${this.oauthScope}/.default`;
      if (!ok)
        return {
          status: 401,
          body: {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret provided.',
          },
        };
      request.issued = `fake-aad-${randomUUID()}`;
      return {
        status: 200,
        body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: request.issued },
      };
    }
    return { status: 404, body: { error: 'not_found' } };
  }

  async close(): Promise<void> {
    // The bot's HTTP clients keep connections alive.
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}
