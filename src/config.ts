import { existsSync, readFileSync } from 'node:fs';

/**
 * The only reader of process.env (SPEC 3). Every variable is parsed and validated once;
 * a wrong value stops startup with one line naming the variable and what it expects.
 */

export type AzureCloud = 'AzurePublicCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

export const CLOUD_ENDPOINTS: Record<
  AzureCloud,
  { authorityHost: string; resourceManager: string; graph: string }
> = {
  AzurePublicCloud: {
    authorityHost: 'https://login.microsoftonline.com',
    resourceManager: 'https://management.azure.com',
    graph: 'https://graph.microsoft.com',
  },
  AzureUSGovernment: {
    authorityHost: 'https://login.microsoftonline.us',
    resourceManager: 'https://management.usgovcloudapi.net',
    graph: 'https://graph.microsoft.us',
  },
  AzureChinaCloud: {
    authorityHost: 'https://login.chinacloudapi.cn',
    resourceManager: 'https://management.chinacloudapi.cn',
    graph: 'https://microsoftgraph.chinacloudapi.cn',
  },
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type Database = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  database: Database;
  /** 32 bytes; undefined = use (or create) the key file beside the sqlite database. */
  encryptionKey?: Buffer;
  teams: TeamsConfig | undefined;
  slack: { signingSecret: string; botToken: string; apiUrl?: string } | undefined;
  azure: { cloud: AzureCloud; authorityHost: string; resourceManager: string; graph: string };
  syncIntervalMs: number;
  /** Scheduled syncs running at once, all connections together. */
  syncConcurrency: number;
  expiryCheckIntervalMs: number;
  expiryThresholdsDays: number[];
  /** undefined = everyone may change connections. */
  admins?: string[];
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * Local mode: neither MicrosoftAppId nor Slack set. Teams unauthenticated, playground on,
   * bound to 127.0.0.1. With Slack only, Teams is off altogether.
   */
  localMode: boolean;
}

/** US Gov (and DoD) Bot Framework: botbuilder's `GovernmentConstants.ChannelService`. */
export const US_GOV_CHANNEL_SERVICE = 'https://botframework.azure.us';

/**
 * Where the Bot Framework is (botbuilder's own variable names). Unset: the public cloud's
 * endpoints, or US Gov's with `ChannelService=https://botframework.azure.us`; a variable set
 * overrides that one endpoint (DoD, a private cloud, a test playing the Bot Connector).
 */
export interface BotFrameworkEndpoints {
  channelService?: string;
  toBotFromChannelOpenIdMetadataUrl?: string;
  toBotFromChannelTokenIssuer?: string;
  toChannelFromBotLoginUrl?: string;
  toChannelFromBotOAuthScope?: string;
  oAuthUrl?: string;
  validateAuthority?: boolean;
}

export interface TeamsConfig extends BotFrameworkEndpoints {
  appId: string;
  appPassword?: string;
  appTenantId?: string;
  appType: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    expected: string,
  ) {
    super(`${variable}: ${expected}`);
  }
}

type Env = Record<string, string | undefined>;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `15m`, `6h`, `1d` (also `500ms`) → milliseconds. */
export function parseDuration(raw: string): number | undefined {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(raw.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * (UNITS[m[2] as string] as number);
  return n > 0 ? n : undefined;
}

function get(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function httpsUrl(env: Env, name: string, fallback: string): string {
  const v = get(env, name);
  if (v === undefined) return fallback;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(name, `expects an https:// URL, got "${v}"`);
  }
  if (u.protocol !== 'https:')
    throw new ConfigError(name, `expects an https:// URL (Azure SDKs refuse http), got "${v}"`);
  return v.replace(/\/+$/, '');
}

const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/;

/** A Bot Framework URL: https (http only for 127.0.0.1 / localhost, unless `httpsOnly`), kept as given. */
function botFrameworkUrl(env: Env, name: string, httpsOnly = false): string | undefined {
  const v = get(env, name);
  if (v === undefined) return undefined;
  let u: URL | undefined;
  try {
    u = new URL(v);
  } catch {
    u = undefined;
  }
  if (u && (u.username || u.password))
    throw new ConfigError(name, 'expects a URL without user name or password in it');
  const ok = u?.protocol === 'https:' || (!httpsOnly && u?.protocol === 'http:' && LOOPBACK_HTTP.test(v));
  if (!u || !ok)
    throw new ConfigError(
      name,
      httpsOnly
        ? `expects an https:// URL (MSAL refuses http), got "${v.slice(0, 200)}"`
        : `expects an https:// URL (http:// only for 127.0.0.1 or localhost), got "${v.slice(0, 200)}"`,
    );
  return v;
}

/** The variables botbuilder's ConfigurationBotFrameworkAuthentication reads besides the credentials. */
function botFrameworkEndpoints(env: Env): BotFrameworkEndpoints {
  const cs = botFrameworkUrl(env, 'ChannelService')?.replace(/\/+$/, '');
  // botbuilder compares it exactly with its US Gov value.
  const channelService = cs?.toLowerCase() === US_GOV_CHANNEL_SERVICE ? US_GOV_CHANNEL_SERVICE : cs;
  const out: BotFrameworkEndpoints = {
    channelService,
    toBotFromChannelOpenIdMetadataUrl: botFrameworkUrl(env, 'ToBotFromChannelOpenIdMetadataUrl'),
    toBotFromChannelTokenIssuer: botFrameworkUrl(env, 'ToBotFromChannelTokenIssuer'),
    // MSAL fetches the token over https only, loopback included.
    toChannelFromBotLoginUrl: botFrameworkUrl(env, 'ToChannelFromBotLoginUrl', true),
    toChannelFromBotOAuthScope: botFrameworkUrl(env, 'ToChannelFromBotOAuthScope'),
    oAuthUrl: botFrameworkUrl(env, 'OAuthUrl'),
  };
  const va = get(env, 'ValidateAuthority');
  if (va !== undefined) {
    if (!/^(true|false)$/i.test(va))
      throw new ConfigError('ValidateAuthority', `expects true or false, got "${va.slice(0, 60)}"`);
    out.validateAuthority = va.toLowerCase() === 'true';
  }
  // botbuilder knows two ChannelService values (unset: public, and US Gov); for any other cloud
  // it needs every endpoint spelled out.
  if (channelService !== undefined && channelService !== US_GOV_CHANNEL_SERVICE) {
    const needed = [
      ['ToBotFromChannelOpenIdMetadataUrl', out.toBotFromChannelOpenIdMetadataUrl],
      ['ToBotFromChannelTokenIssuer', out.toBotFromChannelTokenIssuer],
      ['ToChannelFromBotLoginUrl', out.toChannelFromBotLoginUrl],
      ['ToChannelFromBotOAuthScope', out.toChannelFromBotOAuthScope],
    ] as const;
    const missing = needed.find(([, v]) => v === undefined);
    if (missing)
      throw new ConfigError(
        missing[0],
        `is required with ChannelService=${channelService}: botbuilder has built-in endpoints only for the public cloud (ChannelService empty) and US Gov (${US_GOV_CHANNEL_SERVICE})`,
      );
  }
  for (const k of Object.keys(out) as (keyof BotFrameworkEndpoints)[])
    if (out[k] === undefined) delete out[k];
  return out;
}

function duration(env: Env, name: string, fallback: string): number {
  const v = get(env, name) ?? fallback;
  const ms = parseDuration(v);
  if (ms === undefined) throw new ConfigError(name, `expects a duration like 30s, 15m, 6h or 1d, got "${v}"`);
  return ms;
}

function database(env: Env): Database {
  const v = get(env, 'DATABASE_URL') ?? 'sqlite:./data/osto.db';
  if (v.startsWith('sqlite:')) {
    const path = v.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new ConfigError('DATABASE_URL', 'expects sqlite:<path>, e.g. sqlite:./data/osto.db');
    return { kind: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(v)) {
    try {
      new URL(v);
    } catch {
      throw new ConfigError('DATABASE_URL', 'expects a valid postgres://user@host:port/db URL');
    }
    return { kind: 'postgres', url: v };
  }
  throw new ConfigError('DATABASE_URL', 'expects sqlite:<path> or postgres://...');
}

function encryptionKey(env: Env): Buffer | undefined {
  const v = get(env, 'OSTO_ENCRYPTION_KEY');
  if (v === undefined) return undefined;
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(v) ? Buffer.from(v, 'base64') : Buffer.alloc(0);
  if (key.length !== 32)
    throw new ConfigError(
      'OSTO_ENCRYPTION_KEY',
      'expects 32 bytes in base64 (make one with: openssl rand -base64 32)',
    );
  return key;
}

function thresholds(env: Env): number[] {
  const v = get(env, 'OSTO_EXPIRY_THRESHOLDS') ?? '30,14,7,3,1,0';
  const parts = v.split(',').map((s) => s.trim());
  if (parts.some((p) => !/^\d{1,4}$/.test(p)))
    throw new ConfigError(
      'OSTO_EXPIRY_THRESHOLDS',
      `expects comma-separated whole days like 30,14,7,3,1,0, got "${v}"`,
    );
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** OSTO_ADMINS: unset means everyone may; set, it must name at least one id (`,` alone is a mistake). */
function adminIds(env: Env): string[] | undefined {
  const raw = get(env, 'OSTO_ADMINS');
  if (raw === undefined) return undefined;
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0)
    throw new ConfigError(
      'OSTO_ADMINS',
      'names no user id: list ids separated by commas (e.g. OSTO_ADMINS=U012AB3CD,ada@contoso.com), or leave it empty so that everyone may',
    );
  return ids;
}

function syncConcurrency(env: Env): number {
  const v = get(env, 'OSTO_SYNC_CONCURRENCY') ?? '2';
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 32)
    throw new ConfigError('OSTO_SYNC_CONCURRENCY', `expects a number of syncs 1-32, got "${v}"`);
  return n;
}

function port(env: Env): number {
  const v = get(env, 'PORT') ?? '3978';
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 65535)
    throw new ConfigError('PORT', `expects a port number 1-65535, got "${v}"`);
  return n;
}

function cloud(env: Env): AzureCloud {
  const v = get(env, 'AZURE_CLOUD') ?? 'AzurePublicCloud';
  if (!(v in CLOUD_ENDPOINTS))
    throw new ConfigError(
      'AZURE_CLOUD',
      `expects one of ${Object.keys(CLOUD_ENDPOINTS).join(', ')}, got "${v}"`,
    );
  return v as AzureCloud;
}

/** Parses a whole environment; throws ConfigError on the first wrong variable. */
export function parseConfig(env: Env): Config {
  const c = cloud(env);
  const base = CLOUD_ENDPOINTS[c];
  const appId = get(env, 'MicrosoftAppId');
  const signingSecret = get(env, 'SLACK_SIGNING_SECRET');
  const botToken = get(env, 'SLACK_BOT_TOKEN');
  if ((signingSecret === undefined) !== (botToken === undefined))
    throw new ConfigError(
      signingSecret === undefined ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN',
      'Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or neither, to turn Slack off)',
    );
  if (botToken !== undefined && !/^xox[bp]-/.test(botToken))
    throw new ConfigError('SLACK_BOT_TOKEN', 'expects a bot token starting with xoxb-');
  const slackApi = get(env, 'SLACK_API_URL');
  if (
    slackApi !== undefined &&
    !/^https:\/\/[^\s]+$/.test(slackApi) &&
    !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(slackApi)
  )
    throw new ConfigError(
      'SLACK_API_URL',
      `expects an https:// URL (http:// only for localhost: the bot token travels with each call), got "${slackApi}"`,
    );
  const level = get(env, 'LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new ConfigError('LOG_LEVEL', `expects one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  const appType = get(env, 'MicrosoftAppType') ?? 'MultiTenant';
  if (!['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(appType))
    throw new ConfigError(
      'MicrosoftAppType',
      `expects MultiTenant, SingleTenant or UserAssignedMSI, got "${appType}"`,
    );
  if (appId !== undefined && !GUID.test(appId))
    throw new ConfigError(
      'MicrosoftAppId',
      `expects the Azure Bot's app id, a GUID like 00000000-0000-0000-0000-000000000000, got "${appId.slice(0, 60)}"`,
    );
  const admins = adminIds(env);
  const endpoints = botFrameworkEndpoints(env);
  const appPassword = get(env, 'MicrosoftAppPassword');
  const appTenantId = get(env, 'MicrosoftAppTenantId');
  if (appId !== undefined && appPassword === undefined && appType !== 'UserAssignedMSI')
    throw new ConfigError(
      'MicrosoftAppPassword',
      `is required with MicrosoftAppId (${appType}): the Azure Bot's client secret`,
    );
  if (appId !== undefined && appType !== 'MultiTenant' && appTenantId === undefined)
    throw new ConfigError(
      'MicrosoftAppTenantId',
      `is required with MicrosoftAppType=${appType}: the bot's tenant id`,
    );

  return {
    port: port(env),
    database: database(env),
    encryptionKey: encryptionKey(env),
    teams: appId
      ? {
          appId,
          appType,
          ...(appPassword ? { appPassword } : {}),
          ...(appTenantId ? { appTenantId } : {}),
          ...endpoints,
        }
      : undefined,
    slack:
      signingSecret && botToken
        ? { signingSecret, botToken, ...(slackApi ? { apiUrl: slackApi } : {}) }
        : undefined,
    azure: {
      cloud: c,
      authorityHost: httpsUrl(env, 'AZURE_AUTHORITY_HOST', base.authorityHost),
      resourceManager: httpsUrl(env, 'AZURE_RESOURCE_MANAGER_ENDPOINT', base.resourceManager),
      graph: httpsUrl(env, 'AZURE_GRAPH_ENDPOINT', base.graph),
    },
    syncIntervalMs: duration(env, 'OSTO_SYNC_INTERVAL', '6h'),
    syncConcurrency: syncConcurrency(env),
    expiryCheckIntervalMs: duration(env, 'OSTO_EXPIRY_CHECK_INTERVAL', '1h'),
    expiryThresholdsDays: thresholds(env),
    ...(admins ? { admins } : {}),
    logLevel: level as Config['logLevel'],
    // Local mode (playground, unauthenticated Teams, 127.0.0.1 only) is for a machine with no channel
    // configured at all: a Slack-only deployment must not expose an unauthenticated Teams endpoint.
    localMode: appId === undefined && !(signingSecret && botToken),
  };
}

/** Reads KEY=VALUE lines of a .env file; never overrides a variable already set. */
export function readDotEnv(text: string, env: Env): Env {
  const out: Env = { ...env };
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trim().startsWith('#')) continue;
    const key = m[1] as string;
    let value = m[2] as string;
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    if (out[key] === undefined) out[key] = value;
  }
  return out;
}

/** The process's configuration: environment first, then `.env` in the working directory. */
export function loadConfig(env: Env = process.env, dotEnvPath = '.env'): Config {
  const merged = existsSync(dotEnvPath) ? readDotEnv(readFileSync(dotEnvPath, 'utf8'), env) : env;
  return parseConfig(merged);
}
