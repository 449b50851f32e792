/**
 * `npm run emulator`: the Azure emulator with the sample world, on EMULATOR_PORT (default 8443).
 * Writes its certificate to ./data/emulator-ca.pem and reuses it (and its key) on the next start, so a
 * bot started with NODE_EXTRA_CA_CERTS pointing there keeps trusting a restarted emulator.
 */

import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTestCertificate, SAMPLE, startEmulator } from './index';

const DATA_DIR = path.resolve('data');
const CA_PATH = path.join(DATA_DIR, 'emulator-ca.pem');
const KEY_PATH = path.join(DATA_DIR, 'emulator-key.pem');

function readPort(): number {
  const raw = process.env['EMULATOR_PORT']?.trim();
  if (!raw) return 8443;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`EMULATOR_PORT must be a port number (0-65535), got '${raw}'`);
    process.exit(1);
  }
  return port;
}

/** The certificate of the previous run while it is valid for at least another day, else a new one. */
async function certificate(): Promise<{ key: string; cert: string }> {
  if (existsSync(CA_PATH) && existsSync(KEY_PATH)) {
    try {
      const cert = readFileSync(CA_PATH, 'utf8');
      const key = readFileSync(KEY_PATH, 'utf8');
      if (Date.parse(new X509Certificate(cert).validTo) > Date.now() + 86_400_000) return { key, cert };
    } catch {
      // unreadable or not a certificate: make a new one
    }
  }
  const pair = await makeTestCertificate();
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(KEY_PATH, pair.key, { mode: 0o600 });
  chmodSync(KEY_PATH, 0o600);
  writeFileSync(CA_PATH, pair.cert, { mode: 0o644 });
  chmodSync(CA_PATH, 0o644);
  return pair;
}

async function main(): Promise<void> {
  const port = readPort();
  const emulator = await startEmulator({ port, tls: await certificate() });
  const lines = [
    `Azure emulator listening on ${emulator.url}`,
    '',
    'Point the bot at it (e.g. in .env), and trust its certificate before the bot starts:',
    `  AZURE_AUTHORITY_HOST=${emulator.authorityHost}`,
    `  AZURE_RESOURCE_MANAGER_ENDPOINT=${emulator.armEndpoint}`,
    `  AZURE_GRAPH_ENDPOINT=${emulator.graphEndpoint}`,
    `  NODE_EXTRA_CA_CERTS=${CA_PATH}`,
    '',
    'Sample credentials (tenant / subscription / client id / secret value):',
  ];
  for (const [name, c] of Object.entries(SAMPLE.credentials)) {
    lines.push(`  ${name}: ${c.demonstrates}`);
    lines.push(`    tenant ${c.tenantId}  subscription ${c.subscriptionId}`);
    lines.push(`    client ${c.clientId}  secret ${c.clientSecret}`);
  }
  lines.push('', 'Ctrl-C to stop.');
  console.log(lines.join('\n'));

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Azure emulator failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
