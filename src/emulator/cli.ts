/**
 * `npm run emulator`: the Azure emulator with the sample world, on EMULATOR_PORT (default 8443).
 * Writes its certificate to ./data/emulator-ca.pem and reuses it (and its key) on the next start, so a
 * bot started with NODE_EXTRA_CA_CERTS pointing there keeps trusting a restarted emulator.
 */

import { SAMPLE, startEmulator } from './index';
import { EMULATOR_CA_PATH as CA_PATH, persistentCertificate } from './persistent-cert';

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

async function main(): Promise<void> {
  const port = readPort();
  const emulator = await startEmulator({ port, tls: await persistentCertificate() });
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
  lines.push('', 'Planted in Contoso Production (each next to a secure twin):');
  for (const p of Object.values(SAMPLE.planted)) if (p.insecure) lines.push(`  ${p.name}: ${p.insecure}`);
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
