import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import {
  type AzureCloud,
  CLOUD_ENDPOINTS,
  type EnvVariable,
  envSchema,
  type LOG_LEVELS,
} from './config-schema';

/**
 * The only reader of process.env (SPEC 3). Every variable is parsed and validated once, by the
 * schema in config-schema.ts; a wrong value stops startup with one line naming the variable and
 * what it expects.
 */

export {
  type AzureCloud,
  CLOUD_ENDPOINTS,
  LOG_LEVELS,
  parseDuration,
  US_GOV_CHANNEL_SERVICE,
} from './config-schema';

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

/** A variable's value, trimmed; empty or blank means unset. */
function get(env: Env, name: EnvVariable): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/**
 * Every variable the bot reads, by name: test/config.test.ts compares this list with .env.sample,
 * and the type keeps it the same as the schema's.
 */
function variables(env: Env): Record<EnvVariable, string | undefined> {
  return {
    AZURE_CLOUD: get(env, 'AZURE_CLOUD'),
    SLACK_SIGNING_SECRET: get(env, 'SLACK_SIGNING_SECRET'),
    SLACK_BOT_TOKEN: get(env, 'SLACK_BOT_TOKEN'),
    SLACK_API_URL: get(env, 'SLACK_API_URL'),
    LOG_LEVEL: get(env, 'LOG_LEVEL'),
    MicrosoftAppType: get(env, 'MicrosoftAppType'),
    MicrosoftAppId: get(env, 'MicrosoftAppId'),
    OSTO_ADMINS: get(env, 'OSTO_ADMINS'),
    ChannelService: get(env, 'ChannelService'),
    ToBotFromChannelOpenIdMetadataUrl: get(env, 'ToBotFromChannelOpenIdMetadataUrl'),
    ToBotFromChannelTokenIssuer: get(env, 'ToBotFromChannelTokenIssuer'),
    ToChannelFromBotLoginUrl: get(env, 'ToChannelFromBotLoginUrl'),
    ToChannelFromBotOAuthScope: get(env, 'ToChannelFromBotOAuthScope'),
    OAuthUrl: get(env, 'OAuthUrl'),
    ValidateAuthority: get(env, 'ValidateAuthority'),
    MicrosoftAppPassword: get(env, 'MicrosoftAppPassword'),
    MicrosoftAppTenantId: get(env, 'MicrosoftAppTenantId'),
    PORT: get(env, 'PORT'),
    DATABASE_URL: get(env, 'DATABASE_URL'),
    OSTO_ENCRYPTION_KEY: get(env, 'OSTO_ENCRYPTION_KEY'),
    AZURE_AUTHORITY_HOST: get(env, 'AZURE_AUTHORITY_HOST'),
    AZURE_RESOURCE_MANAGER_ENDPOINT: get(env, 'AZURE_RESOURCE_MANAGER_ENDPOINT'),
    AZURE_GRAPH_ENDPOINT: get(env, 'AZURE_GRAPH_ENDPOINT'),
    OSTO_SYNC_INTERVAL: get(env, 'OSTO_SYNC_INTERVAL'),
    OSTO_SYNC_CONCURRENCY: get(env, 'OSTO_SYNC_CONCURRENCY'),
    OSTO_EXPIRY_CHECK_INTERVAL: get(env, 'OSTO_EXPIRY_CHECK_INTERVAL'),
    OSTO_EXPIRY_THRESHOLDS: get(env, 'OSTO_EXPIRY_THRESHOLDS'),
  };
}

/**
 * Parses a whole environment; throws ConfigError naming the first wrong variable: each variable's
 * own rules in the schema's order, then the rules between variables.
 */
export function parseConfig(env: Env): Config {
  const parsed = envSchema.safeParse(variables(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!; // zod reports at least one
    // One line even when the value shown has line breaks (a quoted multi-line value in .env).
    throw new ConfigError(String(issue.path[0]), issue.message.replace(/\r/g, '\\r').replace(/\n/g, '\\n'));
  }
  const v = parsed.data;
  const base = CLOUD_ENDPOINTS[v.AZURE_CLOUD];
  const endpoints: BotFrameworkEndpoints = {
    channelService: v.ChannelService,
    toBotFromChannelOpenIdMetadataUrl: v.ToBotFromChannelOpenIdMetadataUrl,
    toBotFromChannelTokenIssuer: v.ToBotFromChannelTokenIssuer,
    toChannelFromBotLoginUrl: v.ToChannelFromBotLoginUrl,
    toChannelFromBotOAuthScope: v.ToChannelFromBotOAuthScope,
    oAuthUrl: v.OAuthUrl,
    validateAuthority: v.ValidateAuthority,
  };
  // Only the endpoints set: the rest stay botbuilder's.
  for (const k of Object.keys(endpoints) as (keyof BotFrameworkEndpoints)[])
    if (endpoints[k] === undefined) delete endpoints[k];
  const { MicrosoftAppId: appId, MicrosoftAppPassword: appPassword, MicrosoftAppTenantId: appTenantId } = v;
  const { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: botToken, SLACK_API_URL: slackApi } = v;

  return {
    port: v.PORT,
    database: v.DATABASE_URL,
    encryptionKey: v.OSTO_ENCRYPTION_KEY,
    teams: appId
      ? {
          appId,
          appType: v.MicrosoftAppType,
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
      cloud: v.AZURE_CLOUD,
      authorityHost: v.AZURE_AUTHORITY_HOST ?? base.authorityHost,
      resourceManager: v.AZURE_RESOURCE_MANAGER_ENDPOINT ?? base.resourceManager,
      graph: v.AZURE_GRAPH_ENDPOINT ?? base.graph,
    },
    syncIntervalMs: v.OSTO_SYNC_INTERVAL,
    syncConcurrency: v.OSTO_SYNC_CONCURRENCY,
    expiryCheckIntervalMs: v.OSTO_EXPIRY_CHECK_INTERVAL,
    expiryThresholdsDays: v.OSTO_EXPIRY_THRESHOLDS,
    ...(v.OSTO_ADMINS ? { admins: v.OSTO_ADMINS } : {}),
    logLevel: v.LOG_LEVEL,
    // Local mode (playground, unauthenticated Teams, 127.0.0.1 only) is for a machine with no channel
    // configured at all: a Slack-only deployment must not expose an unauthenticated Teams endpoint.
    localMode: appId === undefined && !(signingSecret && botToken),
  };
}

/**
 * A variable name (Node's own definition). Node 20's parser also returns keys that are none, such
 * as `#A` for a commented-out last line: those are not variables.
 */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads a .env file with Node's own parser (util.parseEnv: `#` comments, quotes, `export `);
 * never overrides a variable already set.
 */
export function readDotEnv(text: string, env: Env): Env {
  // Node 20's parser drops `export ` only when it starts the line and is followed by exactly one
  // space (`  export A=1` or `export\tA=1` gives a key with the prefix in it), so strip the prefix
  // first. A BOM (Notepad) would otherwise become part of the first name.
  const source = text.replace(/^\uFEFF/, '').replace(/^[ \t]*export[ \t]+(?=[A-Za-z_])/gm, '');
  const out: Env = { ...env };
  for (const [key, value] of Object.entries(parseEnv(source)))
    if (NAME.test(key) && out[key] === undefined) out[key] = value;
  return out;
}

/** The process's configuration: environment first, then `.env` in the working directory. */
export function loadConfig(env: Env = process.env, dotEnvPath = '.env'): Config {
  const merged = existsSync(dotEnvPath) ? readDotEnv(readFileSync(dotEnvPath, 'utf8'), env) : env;
  return parseConfig(merged);
}
