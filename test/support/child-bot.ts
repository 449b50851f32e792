/**
 * The bot as a separate process (`tsx src/main.ts`), for tests that must see the process
 * itself: that it is still up after a hostile request, and how much memory it took at its peak.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ChildBot {
  url: string;
  /** The sqlite database file the process uses. */
  dbPath: string;
  /** Every line the process wrote (JSON log lines and anything else). */
  lines: string[];
  alive(): boolean;
  /** The process's peak resident memory (VmHWM), in MB. */
  peakRssMb(): number;
  /** Waits for a log line that matches (the lines so far count). */
  waitForLine(pred: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
  /** kill -9: no shutdown, nothing finished. */
  kill9(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

export async function startChildBot(
  env: Record<string, string> = {},
  opts: { dir?: string } = {},
): Promise<ChildBot> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'osto-child-'));
  const dbPath = join(dir, 'osto.db');
  const port = await freePort();
  // One process, not the tsx launcher: the launcher runs the bot as its own child, which a
  // SIGKILL of the launcher leaves running (a "killed" bot then finished its work).
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      PORT: String(port),
      ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
      DATABASE_URL: `sqlite:${dbPath}`,
      OSTO_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      LOG_LEVEL: 'info',
      ...env,
    },
    cwd: resolve('.'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never outlive the test process (a timed-out test, a killed worker).
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.removeListener('exit', reap));
  const lines: string[] = [];
  const waiters: { pred: (l: string) => boolean; done: (l: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      lines.push(line);
      for (const w of [...waiters]) if (w.pred(line)) w.done(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const url = `http://127.0.0.1:${port}`;
  const bot: ChildBot = {
    url,
    dbPath,
    lines,
    alive: () => child.exitCode === null && child.signalCode === null,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    waitForLine: (pred, timeoutMs = 10_000) => {
      const seen = lines.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no such log line within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          pred,
          done: (l) => {
            clearTimeout(timer);
            res(l);
          },
        });
      });
    },
    stop: async () => {
      if (!bot.alive()) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    kill9: async () => {
      if (!bot.alive()) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!bot.alive()) throw new Error(`the bot exited while starting:\n${lines.join('\n')}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return bot;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await bot.stop();
  throw new Error(`the bot did not become ready:\n${lines.join('\n')}`);
}
