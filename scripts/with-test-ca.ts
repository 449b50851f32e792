/**
 * Runs a command with the test TLS certificate trusted the Node way: NODE_EXTRA_CA_CERTS
 * must be set before a process starts, so it is set here, for the command and every
 * process it forks (jest workers, benchmark children). In-process Azure emulators of the
 * tests and benchmarks serve this certificate (see OSTO_TEST_TLS_DIR).
 *
 *   tsx scripts/with-test-ca.ts jest [args]       (npm test)
 *   tsx scripts/with-test-ca.ts tsx bench/run.ts  (npm run bench)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { makeTestCertificate } from '../src/emulator';

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (!command) throw new Error('usage: with-test-ca <command> [args]');
  const dir = resolve('.cache/test-tls');
  const certFile = resolve(dir, 'cert.pem');
  const keyFile = resolve(dir, 'key.pem');
  const fresh =
    existsSync(certFile) && existsSync(keyFile) && Date.now() - statSync(certFile).mtimeMs < 7 * 86_400_000;
  if (!fresh) {
    mkdirSync(dir, { recursive: true });
    const { key, cert } = await makeTestCertificate();
    writeFileSync(keyFile, key, { mode: 0o600 });
    writeFileSync(certFile, cert, { mode: 0o644 });
  }
  const bin = resolve('node_modules/.bin', command);
  const r = spawnSync(existsSync(bin) ? bin : command, args, {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile, OSTO_TEST_TLS_DIR: dir },
  });
  if (r.error) throw r.error;
  process.exit(r.status ?? 1);
}

main().catch((e: unknown) => {
  process.stderr.write(`with-test-ca: ${(e as Error).message}\n`);
  process.exit(1);
});
