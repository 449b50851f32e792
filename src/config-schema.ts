/**
 * The environment's rules as one zod schema (SPEC 3): each variable checked and converted on its
 * own, in the order below, then the rules between variables. Values arrive trimmed, an empty one
 * already undefined (src/config.ts). Every message is what src/config.ts prints after `NAME: `.
 */
import { z } from 'zod';

const AZURE_CLOUDS = ['AzurePublicCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const;
export type AzureCloud = (typeof AZURE_CLOUDS)[number];

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

const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

/** US Gov (and DoD) Bot Framework: botbuilder's `GovernmentConstants.ChannelService`. */
export const US_GOV_CHANNEL_SERVICE = 'https://botframework.azure.us';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `15m`, `6h`, `1d` (also `500ms`) → milliseconds. */
export function parseDuration(raw: string): number | undefined {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(raw.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * (UNITS[m[2] as string] as number);
  return n > 0 ? n : undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/;

/** `expects …, got "<value>"`, the value cut to `max` characters. Never used for a secret. */
const got = (expects: string, max?: number) => (raw: string) => `${expects}, got "${raw.slice(0, max)}"`;

/**
 * A variable checked by `rule`: whichever of its checks fails, the one issue reads `message`.
 * The message is built from the text as given, since a coerced value no longer shows what was
 * typed ("007"). The issue is fatal so that the rules between variables see only good values.
 */
function variable<Rule extends z.ZodTypeAny>(rule: Rule, message: string | ((raw: string) => string)) {
  return z.string().transform((raw, ctx): z.output<Rule> => {
    const parsed = rule.safeParse(raw);
    if (parsed.success) return parsed.data;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: typeof message === 'string' ? message : message(raw),
      fatal: true,
    });
    return z.NEVER;
  });
}

/** Digits first: z.coerce.number() alone would also take "1e3", "0x10" or "1.0". */
const wholeNumber = (min: number, max: number, expects: string) =>
  variable(z.string().regex(/^\d+$/).pipe(z.coerce.number().int().min(min).max(max)), got(expects));

const duration = variable(
  z.string().transform(parseDuration).pipe(z.number()),
  got('expects a duration like 30s, 15m, 6h or 1d'),
);

/** Taken as given, trailing slashes off; https only, as the Azure SDKs refuse http. */
const azureEndpoint = variable(z.string().url(), got('expects an https:// URL'))
  .pipe(
    variable(
      z.string().refine((v) => new URL(v).protocol === 'https:'),
      got('expects an https:// URL (Azure SDKs refuse http)'),
    ),
  )
  .transform((v) => v.replace(/\/+$/, ''));

/**
 * A Bot Framework URL, kept as given: https, or http for 127.0.0.1 / localhost only (not with
 * `httpsOnly`: MSAL fetches its token over https only, loopback included). No credentials in it.
 */
function botFrameworkUrl(httpsOnly = false) {
  const expects = got(
    httpsOnly
      ? 'expects an https:// URL (MSAL refuses http)'
      : 'expects an https:// URL (http:// only for 127.0.0.1 or localhost)',
    200,
  );
  const allowedScheme = z.string().refine((v) => {
    const { protocol } = new URL(v);
    return protocol === 'https:' || (!httpsOnly && protocol === 'http:' && LOOPBACK_HTTP.test(v));
  });
  return variable(z.string().url(), expects)
    .pipe(
      variable(
        z.string().refine((v) => {
          const u = new URL(v);
          return !u.username && !u.password;
        }),
        'expects a URL without user name or password in it',
      ),
    )
    .pipe(variable(allowedScheme, expects));
}

/** The parts of a comma-separated list, trimmed. */
const commaList = z.string().transform((v) => v.split(',').map((s) => s.trim()));

/** sqlite:<path> or postgres://…; the messages never show the URL, which may hold a password. */
const database = z.string().transform((v, ctx) => {
  const fail = (message: string) => {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message, fatal: true });
    return z.NEVER;
  };
  if (v.startsWith('sqlite:')) {
    // sqlite:///abs/path means /abs/path.
    const path = v.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    return path
      ? { kind: 'sqlite' as const, path }
      : fail('expects sqlite:<path>, e.g. sqlite:./data/osto.db');
  }
  if (/^postgres(ql)?:\/\//.test(v))
    return z.string().url().safeParse(v).success
      ? { kind: 'postgres' as const, url: v }
      : fail('expects a valid postgres://user@host:port/db URL');
  return fail('expects sqlite:<path> or postgres://...');
});

/** The four endpoints botbuilder needs spelled out for a cloud it has no built-in values for. */
const CUSTOM_CLOUD_ENDPOINTS = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
] as const;

export const envSchema = z
  .object({
    AZURE_CLOUD: variable(z.enum(AZURE_CLOUDS), got(`expects one of ${AZURE_CLOUDS.join(', ')}`)).default(
      'AzurePublicCloud',
    ),
    SLACK_SIGNING_SECRET: z.string().optional(),
    // A secret: the message does not show it.
    SLACK_BOT_TOKEN: variable(
      z.string().regex(/^xox[bp]-/),
      'expects a bot token starting with xoxb-',
    ).optional(),
    SLACK_API_URL: variable(
      z.union([
        z.string().regex(/^https:\/\/[^\s]+$/),
        z.string().regex(/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//),
      ]),
      got('expects an https:// URL (http:// only for localhost: the bot token travels with each call)'),
    ).optional(),
    LOG_LEVEL: variable(z.enum(LOG_LEVELS), got(`expects one of ${LOG_LEVELS.join(', ')}`)).default('info'),
    MicrosoftAppType: variable(
      z.enum(APP_TYPES),
      got('expects MultiTenant, SingleTenant or UserAssignedMSI'),
    ).default('MultiTenant'),
    MicrosoftAppId: variable(
      z.string().regex(GUID),
      got("expects the Azure Bot's app id, a GUID like 00000000-0000-0000-0000-000000000000", 60),
    ).optional(),
    // Unset means everyone may; set, it must name someone (`,` alone is a mistake).
    OSTO_ADMINS: variable(
      commaList.transform((ids) => ids.filter(Boolean)).pipe(z.array(z.string()).min(1)),
      'names no user id: list ids separated by commas (e.g. OSTO_ADMINS=U012AB3CD,ada@contoso.com), or leave it empty so that everyone may',
    ).optional(),
    // botbuilder compares ChannelService exactly with its US Gov value: spell that one its way.
    ChannelService: botFrameworkUrl()
      .transform((v) => {
        const cs = v.replace(/\/+$/, '');
        return cs.toLowerCase() === US_GOV_CHANNEL_SERVICE ? US_GOV_CHANNEL_SERVICE : cs;
      })
      .optional(),
    ToBotFromChannelOpenIdMetadataUrl: botFrameworkUrl().optional(),
    ToBotFromChannelTokenIssuer: botFrameworkUrl().optional(),
    ToChannelFromBotLoginUrl: botFrameworkUrl(true).optional(),
    ToChannelFromBotOAuthScope: botFrameworkUrl().optional(),
    OAuthUrl: botFrameworkUrl().optional(),
    ValidateAuthority: variable(
      z
        .string()
        .regex(/^(true|false)$/i)
        .transform((v) => v.toLowerCase() === 'true'),
      got('expects true or false', 60),
    ).optional(),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppTenantId: z.string().optional(),
    PORT: wholeNumber(1, 65535, 'expects a port number 1-65535').default('3978'),
    DATABASE_URL: database.default('sqlite:./data/osto.db'),
    // A secret: the message does not show it. Buffer.from skips what is not base64, hence the regex.
    OSTO_ENCRYPTION_KEY: variable(
      z
        .string()
        .regex(/^[A-Za-z0-9+/]+={0,2}$/)
        .transform((v) => Buffer.from(v, 'base64'))
        .refine((key) => key.length === 32),
      'expects 32 bytes in base64 (make one with: openssl rand -base64 32)',
    ).optional(),
    // Unset: the cloud's own (src/config.ts).
    AZURE_AUTHORITY_HOST: azureEndpoint.optional(),
    AZURE_RESOURCE_MANAGER_ENDPOINT: azureEndpoint.optional(),
    AZURE_GRAPH_ENDPOINT: azureEndpoint.optional(),
    OSTO_SYNC_INTERVAL: duration.default('6h'),
    OSTO_SYNC_CONCURRENCY: wholeNumber(1, 32, 'expects a number of syncs 1-32').default('2'),
    OSTO_EXPIRY_CHECK_INTERVAL: duration.default('1h'),
    // Largest first, each day once.
    OSTO_EXPIRY_THRESHOLDS: variable(
      commaList.pipe(
        z.array(
          z
            .string()
            .regex(/^\d{1,4}$/)
            .transform(Number),
        ),
      ),
      got('expects comma-separated whole days like 30,14,7,3,1,0'),
    )
      .transform((days) => [...new Set(days)].sort((a, b) => b - a))
      .default('30,14,7,3,1,0'),
  })
  .superRefine((env, ctx) => {
    const fail = (variable: keyof typeof env, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [variable], message });
    if ((env.SLACK_SIGNING_SECRET === undefined) !== (env.SLACK_BOT_TOKEN === undefined))
      fail(
        env.SLACK_SIGNING_SECRET === undefined ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN',
        'Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or neither, to turn Slack off)',
      );
    // botbuilder knows two ChannelService values (unset: public, and US Gov); for any other cloud
    // it needs every endpoint spelled out. Checked in local mode too.
    const cs = env.ChannelService;
    const missing =
      cs !== undefined && cs !== US_GOV_CHANNEL_SERVICE
        ? CUSTOM_CLOUD_ENDPOINTS.find((name) => env[name] === undefined)
        : undefined;
    if (missing)
      fail(
        missing,
        `is required with ChannelService=${cs}: botbuilder has built-in endpoints only for the public cloud (ChannelService empty) and US Gov (${US_GOV_CHANNEL_SERVICE})`,
      );
    if (env.MicrosoftAppId === undefined) return;
    if (env.MicrosoftAppPassword === undefined && env.MicrosoftAppType !== 'UserAssignedMSI')
      fail(
        'MicrosoftAppPassword',
        `is required with MicrosoftAppId (${env.MicrosoftAppType}): the Azure Bot's client secret`,
      );
    if (env.MicrosoftAppType !== 'MultiTenant' && env.MicrosoftAppTenantId === undefined)
      fail(
        'MicrosoftAppTenantId',
        `is required with MicrosoftAppType=${env.MicrosoftAppType}: the bot's tenant id`,
      );
  });

/** The variables the bot reads. */
export type EnvVariable = keyof z.input<typeof envSchema>;
