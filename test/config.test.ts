import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig, parseDuration, readDotEnv } from '../src/config';
import { envSchema } from '../src/config-schema';

const KEY = Buffer.alloc(32, 7).toString('base64');

function failure(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration (SPEC 3)', () => {
  it('has working defaults: local mode, public cloud, embedded sqlite, 6h sync', () => {
    const c = parseConfig({});
    expect(c.port).toBe(3978);
    expect(c.database).toEqual({ kind: 'sqlite', path: './data/osto.db' });
    expect(c.localMode).toBe(true);
    expect(c.teams).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.azure).toEqual({
      cloud: 'AzurePublicCloud',
      authorityHost: 'https://login.microsoftonline.com',
      resourceManager: 'https://management.azure.com',
      graph: 'https://graph.microsoft.com',
    });
    expect(c.syncIntervalMs).toBe(6 * 3_600_000);
    expect(c.syncConcurrency).toBe(2);
    expect(c.expiryCheckIntervalMs).toBe(3_600_000);
    expect(c.expiryThresholdsDays).toEqual([30, 14, 7, 3, 1, 0]);
    expect(c.admins).toBeUndefined();
    expect(c.logLevel).toBe('info');
  });

  it('maps each cloud name to its three endpoints', () => {
    expect(parseConfig({ AZURE_CLOUD: 'AzureUSGovernment' }).azure).toMatchObject({
      authorityHost: 'https://login.microsoftonline.us',
      resourceManager: 'https://management.usgovcloudapi.net',
      graph: 'https://graph.microsoft.us',
    });
    expect(parseConfig({ AZURE_CLOUD: 'AzureChinaCloud' }).azure).toMatchObject({
      authorityHost: 'https://login.chinacloudapi.cn',
      resourceManager: 'https://management.chinacloudapi.cn',
      graph: 'https://microsoftgraph.chinacloudapi.cn',
    });
  });

  it('lets endpoint overrides win over the cloud (the emulator)', () => {
    const c = parseConfig({
      AZURE_AUTHORITY_HOST: 'https://127.0.0.1:8443/',
      AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://127.0.0.1:8443',
      AZURE_GRAPH_ENDPOINT: 'https://127.0.0.1:8443',
    });
    expect(c.azure.authorityHost).toBe('https://127.0.0.1:8443');
    expect(c.azure.resourceManager).toBe('https://127.0.0.1:8443');
  });

  it('parses durations and thresholds', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('0s')).toBeUndefined();
    expect(parseDuration('6 hours')).toBeUndefined();
    const c = parseConfig({ OSTO_SYNC_INTERVAL: '15m', OSTO_EXPIRY_THRESHOLDS: '7, 30,1' });
    expect(c.syncIntervalMs).toBe(900_000);
    expect(c.expiryThresholdsDays).toEqual([30, 7, 1]);
  });

  it('is in local mode only when no channel is configured: Slack alone turns Teams off, not on unauthenticated', () => {
    expect(parseConfig({}).localMode).toBe(true);
    const slackOnly = parseConfig({
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    expect(slackOnly.localMode).toBe(false);
    expect(slackOnly.teams).toBeUndefined();
    expect(slackOnly.slack?.apiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('treats an empty value as unset', () => {
    const c = parseConfig({ MicrosoftAppId: '', SLACK_SIGNING_SECRET: ' ', SLACK_BOT_TOKEN: '', PORT: '' });
    expect(c.localMode).toBe(true);
    expect(c.slack).toBeUndefined();
    expect(c.port).toBe(3978);
  });

  it('reads the Bot Framework and Slack credentials and the admin list', () => {
    const c = parseConfig({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'pw',
      SLACK_SIGNING_SECRET: 'sig',
      SLACK_BOT_TOKEN: 'xoxb-1-2',
      OSTO_ADMINS: 'U1, U2,,',
      OSTO_ENCRYPTION_KEY: KEY,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/osto',
    });
    expect(c.localMode).toBe(false);
    expect(c.teams).toMatchObject({ appId: '11111111-2222-3333-4444-555555555555', appType: 'MultiTenant' });
    expect(c.slack).toEqual({ signingSecret: 'sig', botToken: 'xoxb-1-2' });
    expect(c.admins).toEqual(['U1', 'U2']);
    expect(c.encryptionKey?.length).toBe(32);
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/osto' });
  });

  it('reads where the Bot Framework is (US Gov, DoD, a private cloud), with the credentials only', () => {
    const app = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'pw' };
    // Unset or empty: nothing overridden, botbuilder's public cloud.
    expect(parseConfig({ ...app, ChannelService: '', ValidateAuthority: ' ' }).teams).toEqual({
      appId: app.MicrosoftAppId,
      appPassword: 'pw',
      appType: 'MultiTenant',
    });
    // US Gov: botbuilder compares the value exactly; a trailing slash or capitals still mean US Gov.
    expect(parseConfig({ ...app, ChannelService: 'https://BotFramework.azure.us/' }).teams).toMatchObject({
      channelService: 'https://botframework.azure.us',
    });
    // DoD: US Gov plus its own endpoints.
    expect(
      parseConfig({
        ...app,
        ChannelService: 'https://botframework.azure.us',
        ToChannelFromBotOAuthScope: 'https://api.botframework.mil',
        ToBotFromChannelTokenIssuer: 'https://api.botframework.mil',
        OAuthUrl: 'https://apiDoD.botframework.azure.us',
        ValidateAuthority: 'FALSE',
      }).teams,
    ).toMatchObject({
      channelService: 'https://botframework.azure.us',
      toChannelFromBotOAuthScope: 'https://api.botframework.mil',
      toBotFromChannelTokenIssuer: 'https://api.botframework.mil',
      oAuthUrl: 'https://apiDoD.botframework.azure.us',
      validateAuthority: false,
    });
    // Another cloud, every endpoint given; http for a Bot Connector on this machine.
    const custom = parseConfig({
      ...app,
      ChannelService: 'https://botframework.test',
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.test',
      ToChannelFromBotLoginUrl: 'https://127.0.0.1:9/tenant',
      ToChannelFromBotOAuthScope: 'https://api.botframework.test',
      ValidateAuthority: 'true',
    }).teams;
    expect(custom).toMatchObject({
      toBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration',
      toChannelFromBotLoginUrl: 'https://127.0.0.1:9/tenant',
      validateAuthority: true,
    });
    // Checked in local mode too, carried only with MicrosoftAppId.
    expect(parseConfig({ ChannelService: 'https://botframework.azure.us' }).teams).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT: expects a port number/],
    [{ PORT: '70000' }, /^PORT:/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: expects sqlite:<path> or postgres/],
    [{ OSTO_ENCRYPTION_KEY: 'short' }, /^OSTO_ENCRYPTION_KEY: expects 32 bytes in base64/],
    [
      { AZURE_CLOUD: 'Mars' },
      /^AZURE_CLOUD: expects one of AzurePublicCloud, AzureUSGovernment, AzureChinaCloud/,
    ],
    [
      { AZURE_RESOURCE_MANAGER_ENDPOINT: 'http://127.0.0.1:1' },
      /^AZURE_RESOURCE_MANAGER_ENDPOINT: expects an https:\/\//,
    ],
    [{ AZURE_AUTHORITY_HOST: 'not a url' }, /^AZURE_AUTHORITY_HOST: expects an https:\/\//],
    [{ OSTO_SYNC_INTERVAL: '6 hours' }, /^OSTO_SYNC_INTERVAL: expects a duration like 30s, 15m, 6h or 1d/],
    [{ OSTO_EXPIRY_CHECK_INTERVAL: '-1h' }, /^OSTO_EXPIRY_CHECK_INTERVAL:/],
    [{ OSTO_SYNC_CONCURRENCY: '0' }, /^OSTO_SYNC_CONCURRENCY: expects a number of syncs 1-32, got "0"/],
    [{ OSTO_SYNC_CONCURRENCY: 'many' }, /^OSTO_SYNC_CONCURRENCY: expects a number of syncs 1-32/],
    [{ OSTO_EXPIRY_THRESHOLDS: '30,two' }, /^OSTO_EXPIRY_THRESHOLDS: expects comma-separated whole days/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: expects one of/],
    [{ SLACK_SIGNING_SECRET: 'x' }, /^SLACK_BOT_TOKEN: Slack needs both/],
    [{ SLACK_SIGNING_SECRET: 'x', SLACK_BOT_TOKEN: 'nope' }, /^SLACK_BOT_TOKEN: expects a bot token/],
    [{ MicrosoftAppId: 'my-bot' }, /^MicrosoftAppId: expects/],
    [{ MicrosoftAppId: '-'.repeat(36) }, /^MicrosoftAppId: expects the Azure Bot's app id, a GUID/],
    [{ MicrosoftAppId: '11111111222233334444555555555555abcd' }, /^MicrosoftAppId: expects/],
    [{ OSTO_ADMINS: ',' }, /^OSTO_ADMINS: names no user id/],
    [{ OSTO_ADMINS: ' , ,, ' }, /^OSTO_ADMINS: names no user id/],
    [
      { MicrosoftAppId: '11111111-2222-3333-4444-555555555555' },
      /^MicrosoftAppPassword: is required with MicrosoftAppId/,
    ],
    [
      {
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppPassword: 'pw',
        MicrosoftAppType: 'SingleTenant',
      },
      /^MicrosoftAppTenantId: is required with MicrosoftAppType=SingleTenant/,
    ],
    [
      {
        SLACK_SIGNING_SECRET: 'x',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_API_URL: 'http://slack.example.com/api/',
      },
      /^SLACK_API_URL: expects an https:\/\//,
    ],
    [{ ChannelService: 'botframework.azure.us' }, /^ChannelService: expects an https:\/\/ URL/],
    [
      {
        ToBotFromChannelOpenIdMetadataUrl: 'http://login.botframework.com/v1/.well-known/openidconfiguration',
      },
      /^ToBotFromChannelOpenIdMetadataUrl: expects an https:\/\/ URL \(http:\/\/ only for 127\.0\.0\.1 or localhost\)/,
    ],
    [
      { ToBotFromChannelTokenIssuer: 'api.botframework.com' },
      /^ToBotFromChannelTokenIssuer: expects an https/,
    ],
    [
      { ToChannelFromBotLoginUrl: 'http://127.0.0.1:9/tenant' },
      /^ToChannelFromBotLoginUrl: expects an https:\/\/ URL \(MSAL/,
    ],
    [
      { ToChannelFromBotOAuthScope: 'https://user:pw@api.botframework.com' },
      /^ToChannelFromBotOAuthScope: expects a URL without user name or password in it$/,
    ],
    [{ OAuthUrl: 'ftp://token.botframework.com' }, /^OAuthUrl: expects an https/],
    [{ ValidateAuthority: 'yes' }, /^ValidateAuthority: expects true or false/],
    [
      { ChannelService: 'https://botframework.test' },
      /^ToBotFromChannelOpenIdMetadataUrl: is required with ChannelService=https:\/\/botframework\.test/,
    ],
    [
      {
        ChannelService: 'https://botframework.test',
        ToBotFromChannelOpenIdMetadataUrl:
          'https://login.botframework.test/v1/.well-known/openidconfiguration',
        ToBotFromChannelTokenIssuer: 'https://api.botframework.test',
        ToChannelFromBotOAuthScope: 'https://api.botframework.test',
      },
      /^ToChannelFromBotLoginUrl: is required with ChannelService=/,
    ],
  ])('stops on %j with one line naming the variable', (env, message) => {
    const m = failure(env as Record<string, string>);
    expect(m).toMatch(message);
    expect(m).not.toContain('\n');
  });

  it('reads .env without overriding variables already set, and never echoes a secret in an error', () => {
    const env = readDotEnv(
      '# comment\nPORT=4000\nLOG_LEVEL="debug"\nexport OSTO_SYNC_INTERVAL=1h # hourly\n',
      {
        PORT: '5000',
      },
    );
    expect(env).toMatchObject({ PORT: '5000', LOG_LEVEL: 'debug', OSTO_SYNC_INTERVAL: '1h' });
    const dir = mkdtempSync(join(tmpdir(), 'osto-env-'));
    writeFileSync(join(dir, '.env'), 'OSTO_ENCRYPTION_KEY=supersecretvalue\n');
    expect(() => loadConfig({}, join(dir, '.env'))).toThrow(/^OSTO_ENCRYPTION_KEY: expects 32 bytes/);
    try {
      loadConfig({}, join(dir, '.env'));
    } catch (e) {
      expect((e as Error).message).not.toContain('supersecretvalue');
    }
  });
});

describe('configuration through the schema', () => {
  it('names one of several wrong variables, in one line, as it would alone', () => {
    const env = {
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      OSTO_SYNC_INTERVAL: '6 hours',
      MicrosoftAppId: 'my-bot',
    };
    let error: ConfigError | undefined;
    try {
      parseConfig(env);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variable = error?.variable as keyof typeof env;
    expect(Object.keys(env)).toContain(variable);
    expect(error?.message).not.toContain('\n');
    // The same message as that variable gets when it is the only one wrong.
    expect(failure({ [variable]: env[variable] })).toBe(error?.message);
  });

  it('keeps the error on one line when the value shown has line breaks', () => {
    const m = failure({ MicrosoftAppId: 'not\r\na guid' });
    expect(m).toBe(
      `MicrosoftAppId: expects the Azure Bot's app id, a GUID like 00000000-0000-0000-0000-000000000000, got "not\\r\\na guid"`,
    );
  });

  it('takes whole numbers as digits only, and shows the value as typed', () => {
    expect(parseConfig({ PORT: '007' }).port).toBe(7);
    for (const port of ['1e3', '0x10', '1.0', '-1', '+80'])
      expect(failure({ PORT: port })).toBe(`PORT: expects a port number 1-65535, got "${port}"`);
    expect(failure({ PORT: '0070000' })).toBe('PORT: expects a port number 1-65535, got "0070000"');
  });

  it('accepts only the three cloud names, not names every object has', () => {
    for (const cloud of ['toString', 'constructor', 'azurepubliccloud'])
      expect(failure({ AZURE_CLOUD: cloud })).toMatch(/^AZURE_CLOUD: expects one of /);
  });

  it('never shows a secret or a database URL in an error', () => {
    expect(failure({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'hunter2-token' })).toBe(
      'SLACK_BOT_TOKEN: expects a bot token starting with xoxb-',
    );
    expect(failure({ OSTO_ENCRYPTION_KEY: 'hunter2' })).not.toContain('hunter2');
    expect(failure({ DATABASE_URL: 'postgres://u:hunter2@[bad' })).toBe(
      'DATABASE_URL: expects a valid postgres://user@host:port/db URL',
    );
  });

  it("reads .env with Node's parser: quotes, comments, export, line breaks", () => {
    const env = readDotEnv(
      [
        '\uFEFFFIRST=1', // a BOM (Notepad) is not part of the first name
        "SINGLE='a # not a comment'",
        'DOUBLE="a b" # a comment after the quotes',
        'ESCAPED="x\\ny"', // \n in double quotes is a line break
        'MULTI="line 1',
        'line 2"',
        'BARE=a#b', // unquoted, # starts a comment even without a space
        '  SPACED  =  value  ',
        'export\tTABBED=1',
        '  export INDENTED=2',
        'DUP=first',
        'DUP=second',
        'A-B=not a name',
        '#COMMENTED=1',
      ].join('\n'),
      {},
    );
    expect(env).toEqual({
      FIRST: '1',
      SINGLE: 'a # not a comment',
      DOUBLE: 'a b',
      ESCAPED: 'x\ny',
      MULTI: 'line 1\nline 2',
      BARE: 'a',
      SPACED: 'value',
      TABBED: '1',
      INDENTED: '2',
      DUP: 'second',
    });
  });

  it('reads no variable from .env that is already set, even to an empty value', () => {
    expect(readDotEnv('PORT=4000\nLOG_LEVEL=debug\n', { PORT: '' })).toEqual({
      PORT: '',
      LOG_LEVEL: 'debug',
    });
  });
});

describe('.env.sample', () => {
  it('lists every variable the configuration reads, and nothing else', () => {
    const { readFileSync } = require('node:fs') as typeof import('node:fs');
    const source = readFileSync('src/config.ts', 'utf8');
    const read = new Set([...source.matchAll(/\(env, '([A-Za-z_]+)'/g)].map((m) => m[1]));
    const sample = new Set(
      [...readFileSync('.env.sample', 'utf8').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]),
    );
    expect(read.size).toBeGreaterThanOrEqual(19);
    expect([...sample].sort()).toEqual([...read].sort());
  });

  it('lists exactly the variables of the schema', () => {
    const { readFileSync } = require('node:fs') as typeof import('node:fs');
    const sample = [...readFileSync('.env.sample', 'utf8').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map(
      (m) => m[1],
    );
    expect(sample.sort()).toEqual(Object.keys(envSchema.innerType().shape).sort());
  });
});
