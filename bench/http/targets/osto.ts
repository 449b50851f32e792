/**
 * Child of bench/http/run.ts: the real osto app (createApp from src/app.ts, config through
 * parseConfig as the app harness does), on 127.0.0.1 at a free port, SQLite in a temp dir.
 * BENCH_CHANNEL=slack: Slack on (signing secret, bot token, SLACK_API_URL at the local fake).
 * BENCH_CHANNEL=teams: local mode (no MicrosoftAppId, no Slack): unauthenticated /api/messages.
 * Logs go to stdout at BENCH_LOG_LEVEL (default warn), drained by the parent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../src/app';
import { parseConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { SLACK_BOT_TOKEN, SLACK_SECRET } from '../requests';
import { serve } from './serve';

const KEY = Buffer.alloc(32, 7).toString('base64');

serve(async () => {
  const channel = process.env.BENCH_CHANNEL;
  const fakes = process.env.BENCH_FAKES_URL;
  if ((channel !== 'slack' && channel !== 'teams') || !fakes)
    throw new Error('needs BENCH_CHANNEL=slack|teams and BENCH_FAKES_URL');
  const dir = mkdtempSync(join(tmpdir(), 'osto-bench-'));
  const config = {
    ...parseConfig({
      DATABASE_URL: `sqlite:${join(dir, 'osto.db')}`,
      OSTO_ENCRYPTION_KEY: KEY,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      ...(channel === 'slack'
        ? {
            SLACK_SIGNING_SECRET: SLACK_SECRET,
            SLACK_BOT_TOKEN: SLACK_BOT_TOKEN,
            SLACK_API_URL: `${fakes}/api/`,
          }
        : {}),
    }),
    port: 0,
  };
  const log = createLogger(config.logLevel);
  const app = await createApp(config, log, { host: '127.0.0.1' });
  return {
    url: app.url,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
