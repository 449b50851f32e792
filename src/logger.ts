import pino from 'pino';

/**
 * Structured JSON logs with anything secret-shaped redacted: client secrets, tokens,
 * Authorization headers, the Bot Framework password and Slack secrets.
 */
export const REDACT_PATHS = [
  'clientSecret',
  'secret',
  'password',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'client_secret',
  'authorization',
  'Authorization',
  'MicrosoftAppPassword',
  'appPassword',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'signingSecret',
  'botToken',
  'encryptionKey',
  'OSTO_ENCRYPTION_KEY',
  'headers.authorization',
  'headers.Authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.clientSecret',
  '*.secret',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.client_secret',
  '*.authorization',
  '*.MicrosoftAppPassword',
  '*.appPassword',
  '*.signingSecret',
  '*.botToken',
  '*.encryptionKey',
  'value.clientSecret',
  'activity.value.clientSecret',
  '*.value.clientSecret',
];

/** Text patterns that never belong in a log message (bearer tokens, JWTs, Slack tokens). */
const SECRET_TEXT = [
  /Bearer\s+[A-Za-z0-9._~+/-]+=*/g,
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /client_secret=[^&\s]+/g,
  // An Entra ID client secret Value (see src/core/secret-shape.ts), wherever it turns up.
  /[A-Za-z0-9_.~-]{3}\dQ~[A-Za-z0-9_.~-]{31,}/g,
];

export function scrubText(s: string): string {
  return SECRET_TEXT.reduce((acc, re) => acc.replace(re, '[Redacted]'), s);
}

export type Log = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Log {
  return pino(
    {
      level,
      base: { app: 'osto-bot' },
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      serializers: {
        err: (e: unknown) => {
          const s = pino.stdSerializers.err(e as Error);
          return { ...s, message: scrubText(s.message ?? ''), stack: scrubText(s.stack ?? '') };
        },
      },
    },
    destination,
  );
}
