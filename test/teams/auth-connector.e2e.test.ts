/**
 * The authenticated Teams path end to end: the test plays the Bot Framework with its own
 * signing key (OpenID metadata, JWKS with endorsements, tokens per activity) and its own
 * Entra ID-like authority (the bot's tokens for its replies), every endpoint set through the
 * variables botbuilder reads (ChannelService, ToBotFromChannel*, ToChannelFromBot*, OAuthUrl).
 */
import { randomUUID } from 'node:crypto';
import type * as Dns from 'node:dns';
import { isIP } from 'node:net';
import { botFrameworkOptions } from '../../src/channels/teams/adapter';
import { type Emulator, sampleWorld } from '../../src/emulator';
import { type Harness, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { FakeBotConnectorAuth } from '../support/fake-bot-connector-auth';
import { FakeConnector } from '../support/fake-connector';
import { postActivity, teamsActivity } from '../support/teams-activity';

const appId = randomUUID();
const appPassword = `test-secret-${randomUUID()}`;
/** The bot's own tenant (a single-tenant bot: its login URL names it). */
const botTenantId = randomUUID();

interface LogLine {
  level: number;
  msg: string;
  route?: string;
  status?: number;
  reason?: string;
  err?: { stack?: string };
}

const now = () => Math.floor(Date.now() / 1000);

/** A Teams user in a new conversation of a new tenant, served by the connector at `serviceUrl`. */
function who(serviceUrl: string) {
  return { tenantId: randomUUID(), conversationId: `a:${randomUUID()}`, userId: randomUUID(), serviceUrl };
}

describe('Teams authenticated end to end, against a local Bot Connector and authority', () => {
  let emu: Emulator;
  let connector: FakeConnector;
  let bf: FakeBotConnectorAuth;
  let h: Harness;
  // Nothing may leave this machine: every host name the process resolves is recorded (the
  // fakes, the emulator and the app are all on 127.0.0.1: no name to resolve).
  const dns = jest.requireActual<typeof Dns>('node:dns');
  const realLookup = dns.lookup;
  const lookups: string[] = [];
  // What botbuilder prints by itself (console.error), silenced here and checked.
  let consoleError: jest.SpiedFunction<typeof console.error>;

  beforeAll(async () => {
    (dns as { lookup: unknown }).lookup = (host: string, ...rest: unknown[]) => {
      if (!isIP(host)) lookups.push(host);
      return (realLookup as (...a: unknown[]) => unknown).call(dns, host, ...rest);
    };
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    emu = await startTestEmulator({ world: sampleWorld() });
    connector = await new FakeConnector().start();
    bf = await new FakeBotConnectorAuth({ appId, appPassword, tenantId: botTenantId }).start();
    h = await startApp(emu, { env: bf.env() });
  });
  afterAll(async () => {
    await h?.app.close();
    await bf?.close();
    await connector?.close();
    await emu?.close();
    (dns as { lookup: unknown }).lookup = realLookup;
    consoleError.mockRestore();
  });

  function logLinesSince(from: number): LogLine[] {
    return h.logs
      .slice(from)
      .flatMap((l) => l.split('\n'))
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
  }

  it('a valid token: 200, and the reply carries a token the authority issued to the bot', async () => {
    const w = who(connector.url);
    const res = await postActivity(h.app.url, teamsActivity(w, { text: '/osto help' }), {
      authorization: `Bearer ${bf.token(connector.url)}`,
    });
    expect(res.status).toBe(200);

    const reply = await connector.waitFor((c) => c.conversationId === w.conversationId);
    expect(reply.method).toBe('POST');
    const bearer = /^Bearer (\S+)$/.exec(reply.authorization ?? '')?.[1];
    expect(bearer).toBeDefined();
    expect(bf.issuedTokens).toContain(bearer);
    expect(bf.tokenRequests.find((r) => r.issued === bearer)).toMatchObject({
      tenant: botTenantId,
      form: { grant_type: 'client_credentials', client_id: appId, scope: `${bf.oauthScope}/.default` },
    });
    // Authentication went to the fakes, each endpoint: the Bot Connector's metadata and keys,
    // then the authority's metadata and token endpoint (no instance discovery anywhere).
    expect(bf.hits).toEqual(
      expect.arrayContaining([
        'GET /v1/.well-known/openidconfiguration',
        'GET /v1/.well-known/keys',
        `GET /${botTenantId}/v2.0/.well-known/openid-configuration`,
        `POST /${botTenantId}/oauth2/v2.0/token`,
      ]),
    );
    expect(lookups).toEqual([]);
    // The turn ran: its conversation is stored (the check the refusals below rely on).
    expect(h.dbBytes().includes(w.conversationId)).toBe(true);
  });

  it.each<[string, (serviceUrl: string) => string]>([
    ['signed by a key the JWKS lacks', (url) => bf.token(url, { key: 'stranger' })],
    // botbuilder alone answered this one 500 (jsonwebtoken's "invalid signature").
    [
      'a forged signature under a published key id',
      (url) => bf.token(url, { key: 'stranger', kid: 'teams-key' }),
    ],
    ['a key in the JWKS endorsed for another channel only', (url) => bf.token(url, { key: 'webchat' })],
    ['another audience', (url) => bf.token(url, { claims: { aud: randomUUID() } })],
    ['another issuer', (url) => bf.token(url, { claims: { iss: 'https://api.botframework.com' } })],
    ['a serviceurl claim for another connector', () => bf.token('https://smba.trafficmanager.net/amer/')],
    ['an expired token', (url) => bf.token(url, { claims: { nbf: now() - 7200, exp: now() - 3600 } })],
    ['a token not valid yet', (url) => bf.token(url, { claims: { nbf: now() + 3600, exp: now() + 7200 } })],
  ])('%s → 401, one warn line, no handler runs, nothing stored', async (_name, tokenFor) => {
    const w = who(connector.url);
    const logsFrom = h.logs.length;
    const errorsFrom = consoleError.mock.calls.length;
    const res = await postActivity(h.app.url, teamsActivity(w, { text: '/osto connect azure' }), {
      authorization: `Bearer ${tokenFor(connector.url)}`,
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'the Bot Framework token was refused' });
    await new Promise((r) => setTimeout(r, 200));

    expect(connector.calls.filter((c) => c.conversationId === w.conversationId)).toEqual([]);
    expect(h.dbBytes().includes(w.conversationId)).toBe(false);
    const lines = logLinesSince(logsFrom);
    const refusals = lines.filter((l) => l.route === '/api/messages' && l.msg === 'request refused');
    expect(refusals).toEqual([
      expect.objectContaining({ level: 40, status: 401, reason: expect.any(String) }),
    ]);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    // botbuilder prints a bad signature's key (no stack); nothing it prints carries a stack trace.
    const printed = consoleError.mock.calls.slice(errorsFrom).flat();
    expect(printed.filter((a) => a instanceof Error || /\n\s+at /.test(String(a)))).toEqual([]);
    expect(lookups).toEqual([]);
  });
});

describe('Teams authenticated, the Bot Connector keys out of reach', () => {
  let emu: Emulator;
  let connector: FakeConnector;
  let bf: FakeBotConnectorAuth;
  let h: Harness;
  beforeAll(async () => {
    emu = await startTestEmulator({ world: sampleWorld() });
    connector = await new FakeConnector().start();
    bf = await new FakeBotConnectorAuth({ appId, appPassword, tenantId: botTenantId }).start();
    h = await startApp(emu, {
      env: { ...bf.env(), ToBotFromChannelOpenIdMetadataUrl: `${bf.url}/no-such/openidconfiguration` },
    });
  });
  afterAll(async () => {
    await h?.app.close();
    await bf?.close();
    await connector?.close();
    await emu?.close();
  });

  it('answers 503 (not 401: the token was not the problem), and no handler runs', async () => {
    const res = await postActivity(h.app.url, teamsActivity(who(connector.url), { text: '/osto help' }), {
      authorization: `Bearer ${bf.token(connector.url)}`,
    });
    expect(res.status).toBe(503);
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.calls).toEqual([]);
    expect(h.logs.join('')).toContain('could not check the Bot Framework token');
  });
});

describe("botbuilder's options from the configuration", () => {
  const creds = { appId, appPassword, appType: 'MultiTenant' };

  it('leaves the clouds botbuilder knows to botbuilder while no endpoint is overridden', () => {
    expect(botFrameworkOptions(creds)).not.toHaveProperty('ToBotFromChannelOpenIdMetadataUrl');
    expect(botFrameworkOptions({ ...creds, channelService: 'https://botframework.azure.us' })).toMatchObject({
      ChannelService: 'https://botframework.azure.us',
    });
    expect(botFrameworkOptions(undefined)).toMatchObject({ MicrosoftAppId: '' });
  });

  it("fills every endpoint not overridden from the cloud's (botbuilder then takes them all from the options)", () => {
    // DoD: US Gov with its own scope and issuer.
    expect(
      botFrameworkOptions({
        ...creds,
        channelService: 'https://botframework.azure.us',
        toChannelFromBotOAuthScope: 'https://api.botframework.mil',
        toBotFromChannelTokenIssuer: 'https://api.botframework.mil',
      }),
    ).toEqual({
      MicrosoftAppId: appId,
      MicrosoftAppPassword: appPassword,
      MicrosoftAppTenantId: '',
      MicrosoftAppType: 'MultiTenant',
      ChannelService: 'https://botframework.azure.us',
      ToBotFromChannelOpenIdMetadataUrl:
        'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.mil',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us',
      ToChannelFromBotOAuthScope: 'https://api.botframework.mil',
      OAuthUrl: 'https://api.botframework.azure.us',
      ToBotFromEmulatorOpenIdMetadataUrl:
        'https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration',
      CallerId: 'urn:botframework:azureusgov',
    });
    // The public cloud with one endpoint moved.
    expect(botFrameworkOptions({ ...creds, oAuthUrl: 'https://europe.api.botframework.com' })).toMatchObject({
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      OAuthUrl: 'https://europe.api.botframework.com',
      CallerId: 'urn:botframework:azure',
    });
  });
});
