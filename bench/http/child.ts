/**
 * A server under test in its own process: `node --import tsx <file>` (plain node, no tsx
 * wrapper process). The child announces its URL over IPC, can profile itself on request, and stops
 * (writing the profile) on a `stop` message. Its stdout (the app's log lines) is drained
 * and counted, as a log shipper would read it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export interface TargetProcess {
  name: string;
  url: string;
  /** Log lines the child has written to stdout so far. */
  readonly logLines: number;
  /** The last line written, for a look at what is logged. */
  readonly lastLogLine: string;
  /** Starts the CPU profiler (with `profileDir`); the profile is written at `stop`. */
  startProfile(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Writes `<dir>/<name>.cpuprofile` (V8's CPU profiler, from `startProfile` to `stop`). */
  profileDir?: string;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 40_000;

export async function startTarget(
  name: string,
  file: string,
  opts: StartOptions = {},
): Promise<TargetProcess> {
  const profileFile = opts.profileDir ? join(opts.profileDir, `${name}.cpuprofile`) : undefined;
  // restify (through spdy) reads process.binding('http_parser'): a harmless DEP0111 on every start.
  const flags = ['--disable-warning=DEP0111', '--import', 'tsx'];
  const child = spawn(process.execPath, [...flags, resolve(file)], {
    env: { ...process.env, ...opts.env, ...(profileFile ? { BENCH_PROFILE_FILE: profileFile } : {}) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let logLines = 0;
  let partial = '';
  let lastLogLine = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    logLines += lines.length;
    if (lines.length > 0) lastLogLine = lines[lines.length - 1] as string;
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error(`${name}: not ready within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    child.once('message', (m: { ready?: string }) => {
      clearTimeout(timer);
      if (m.ready) res(m.ready);
      else rej(new Error(`${name}: unexpected message ${JSON.stringify(m)}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`${name}: exited with code ${code} before it was ready`));
    });
  });
  return {
    name,
    url,
    get logLines() {
      return logLines;
    },
    get lastLogLine() {
      return lastLogLine;
    },
    startProfile: () =>
      new Promise<void>((res) => {
        if (!profileFile) return res();
        child.once('message', () => res());
        child.send('profile-start');
      }),
    stop: () => stop(child, exited, name),
  };
}

async function stop(child: ChildProcess, exited: Promise<number | null>, name: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.send('stop');
  const timer = setTimeout(() => {
    process.stderr.write(`${name}: did not stop within ${STOP_TIMEOUT_MS} ms, killing it\n`);
    child.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
