import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type App, createApp } from '../../src/app';
import { AzureEngine, type CallPolicy } from '../../src/azure';
import { parseConfig } from '../../src/config';
import type { Clock } from '../../src/core/ports';
import type { Emulator } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { endpointsOf } from './emulator';

export const TEST_KEY = Buffer.alloc(32, 42).toString('base64');

export interface Harness {
  app: App;
  dir: string;
  dbPath: string;
  logs: string[];
  /** Every byte of the database files (db, WAL, SHM). */
  dbBytes(): Buffer;
}

/** Starts the real app (restify + botbuilder + SQLite + AzureEngine) on a random port. */
export async function startApp(
  emu: Emulator,
  opts: {
    dir?: string;
    env?: Record<string, string>;
    policy?: Partial<CallPolicy>;
    logs?: string[];
    /** The app's clock (the core's time; Azure and the emulator keep real time). */
    clock?: Clock;
  } = {},
): Promise<Harness> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'osto-app-'));
  const dbPath = join(dir, 'osto.db');
  const config = {
    ...parseConfig({
      DATABASE_URL: `sqlite:${dbPath}`,
      OSTO_ENCRYPTION_KEY: TEST_KEY,
      AZURE_AUTHORITY_HOST: emu.authorityHost,
      AZURE_RESOURCE_MANAGER_ENDPOINT: emu.armEndpoint,
      AZURE_GRAPH_ENDPOINT: emu.graphEndpoint,
      LOG_LEVEL: 'debug',
      ...opts.env,
    }),
    port: 0,
  };
  const logs = opts.logs ?? [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLogger('debug', sink);
  const azure = new AzureEngine({
    endpoints: endpointsOf(emu),
    policy: {
      stageDeadlineMs: 5_000,
      maxRetries: 1,
      retryDelayInMs: 20,
      maxRetryDelayInMs: 50,
      maxRetryAfterSeconds: 5,
      ...opts.policy,
    },
  });
  const app = await createApp(config, log, { azure, ...(opts.clock ? { clock: opts.clock } : {}) });
  return {
    app,
    dir,
    dbPath,
    logs,
    dbBytes: () =>
      Buffer.concat(
        readdirSync(dir)
          .filter((f) => f.startsWith('osto.db'))
          .map((f) => readFileSync(join(dir, f))),
      ),
  };
}

/** Real time plus an offset the test moves (a day passes in a line). */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
}
