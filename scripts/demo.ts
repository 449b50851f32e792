/**
 * `npm run demo`: the whole product on one machine, no Teams, no Azure.
 *
 *  1. the Azure emulator with the sample world, in this process, on EMULATOR_PORT (default 8443,
 *     or the next free port), serving the certificate kept in ./data/emulator-ca.pem (the same
 *     files `npm run emulator` uses, so a bot that trusts it keeps trusting it across restarts);
 *  2. the bot (`node --import tsx src/main.ts`, i.e. `tsx src/main.ts` without the extra wrapper
 *     process) in local mode on sqlite:./data/demo.db, trusting that certificate through
 *     NODE_EXTRA_CA_CERTS and pointed at the emulator; its logs go to ./data/demo-bot.log;
 *  3. once /readyz answers: the playground URL and sample credentials to paste.
 *
 * Ctrl-C (SIGINT) or SIGTERM stops the bot (it finishes work in flight), then the emulator.
 * Every variable the demo depends on is set explicitly, so a developer's .env (which never
 * overrides a variable already set) cannot point the demo elsewhere.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { type Emulator, SAMPLE, type SampleCredential, startEmulator } from '../src/emulator';
import { EMULATOR_CA_PATH as CA_PATH, persistentCertificate } from '../src/emulator/persistent-cert';

const DATA_DIR = path.resolve('data');
const BOT_LOG = path.join(DATA_DIR, 'demo-bot.log');

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(1);
}

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) fail(`${name} must be a port number 1-65535, got "${raw}"`);
  return n;
}

/** The emulator on `first` or the next free port (up to 20 tries). */
async function startEmulatorNear(first: number, tls: { key: string; cert: string }): Promise<Emulator> {
  for (let port = first; port < first + 20; port++) {
    try {
      return await startEmulator({ port, tls });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
  return fail(`no free port for the Azure emulator in ${first}-${first + 19}; set EMULATOR_PORT`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function waitReady(url: string, bot: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bot.exitCode !== null || bot.signalCode !== null) throw new Error('the bot stopped while starting');
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the bot did not become ready within ${timeoutMs / 1000} s`);
}

function tail(file: string, lines = 25): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const SHOWN: [keyof typeof SAMPLE.credentials, string][] = [
  ['good', 'succeeds: signs in, Reader role, syncs the subscription → Active with 137 assets'],
  ['wrongSecret', 'common mistake: wrong secret value → sign-in fails, AADSTS7000215 ("copy the Value")'],
  [
    'expiringSoon',
    'connects, but the client secret expires in 5 days → the result warns; within a minute an alert with Update secret and Snooze',
  ],
  ['noReader', 'common mistake: no role on the subscription → 403 AuthorizationFailed ("assign Reader")'],
];

function credentialBlock(name: string, what: string, c: SampleCredential): string {
  return [
    `  ${name} — ${what}`,
    `    Tenant ID        ${c.tenantId}`,
    `    Subscription ID  ${c.subscriptionId}`,
    `    Client ID        ${c.clientId}`,
    `    Client Secret    ${c.clientSecret}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const botPort = portFrom('PORT', 3978);
  if (!(await portIsFree(botPort)))
    fail(`port ${botPort} is in use (another bot or demo?). Stop it, or run: PORT=3979 npm run demo`);
  const emulator = await startEmulatorNear(portFrom('EMULATOR_PORT', 8443), await persistentCertificate());

  mkdirSync(DATA_DIR, { recursive: true });
  const log = createWriteStream(BOT_LOG, { flags: 'w' });
  // restify (through spdy) reads process.binding('http_parser'): a harmless DEP0111 at every start.
  const bot = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'src/main.ts'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: CA_PATH,
      DATABASE_URL: 'sqlite:./data/demo.db',
      // The key file beside demo.db, whatever .env says.
      OSTO_ENCRYPTION_KEY: '',
      AZURE_AUTHORITY_HOST: emulator.authorityHost,
      AZURE_RESOURCE_MANAGER_ENDPOINT: emulator.armEndpoint,
      AZURE_GRAPH_ENDPOINT: emulator.graphEndpoint,
      PORT: String(botPort),
      // The demo checks secret expiry every minute (not every hour), so its alert shows soon.
      OSTO_EXPIRY_CHECK_INTERVAL: process.env.OSTO_EXPIRY_CHECK_INTERVAL?.trim() || '1m',
      // Empty = unset (local mode: unauthenticated, 127.0.0.1 only, playground on).
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppTenantId: '',
    },
  });
  bot.stdout?.pipe(log);
  bot.stderr?.pipe(log);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(
      `\nStopping (${signal}): the bot finishes what it is doing, then the emulator stops.\n`,
    );
    if (bot.exitCode === null && bot.signalCode === null) bot.kill(signal);
    const force = setTimeout(() => bot.kill('SIGKILL'), 40_000);
    force.unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const exited = new Promise<number>((resolve) => {
    bot.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  const botUrl = `http://127.0.0.1:${botPort}`;
  try {
    await waitReady(botUrl, bot);
  } catch (e) {
    if (!stopping) {
      process.stderr.write(`demo: ${(e as Error).message}. Last lines of ${BOT_LOG}:\n${tail(BOT_LOG)}\n`);
      bot.kill('SIGTERM');
    }
    await exited;
    await emulator.close();
    process.exit(stopping ? 0 : 1);
  }

  const lines = [
    '',
    'Osto demo is running (local mode: no Teams, no Azure; nothing leaves this machine).',
    '',
    `  Playground       http://localhost:${botPort}/`,
    `  Azure emulator   ${emulator.url}  (sample tenants Contoso and Fabrikam)`,
    `  Database         ${path.join('data', 'demo.db')}`,
    `  Bot logs         ${path.relative(process.cwd(), BOT_LOG)}`,
    '',
    'Open the playground, type  /osto connect azure  and fill the form with one of these',
    '(Name: anything, e.g. Production):',
    '',
    ...SHOWN.flatMap(([name, what]) => [credentialBlock(name, what, SAMPLE.credentials[name]), '']),
    'Then try: findings Production (More pages on), sync Production, assets, notify Production critical,',
    'rotate Production, disconnect Production, audit, help.',
    'More sample sets (expired secret, unknown tenant, Owner role, ...): npm run emulator lists them all.',
    'Ctrl-C stops the bot and the emulator.',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  const code = await exited;
  await emulator.close();
  if (!stopping) {
    process.stderr.write(
      `demo: the bot stopped (exit ${code}). Last lines of ${BOT_LOG}:\n${tail(BOT_LOG)}\n`,
    );
    process.exit(1);
  }
  process.stdout.write('Stopped.\n');
  process.exit(code);
}

main().catch((e: unknown) => fail(`could not start: ${(e as Error).message}`));
