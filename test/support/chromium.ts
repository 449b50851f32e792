/**
 * The Chromium the browser tests drive, found without system packages: the build shipped inside
 * the npm package @sparticuz/chromium (a devDependency, so `npm ci` brings it), decompressed once
 * into node_modules/.cache under a versioned name. Two jest workers may ask at once: each
 * writes its own temporary file and renames it into place (atomic), so neither runs a half-written
 * binary. OSTO_CHROMIUM points at another Chromium (e.g. /usr/bin/chromium) instead.
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';

/** Offline, as root, without Chromium calling home (see FIELD-NOTES). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function packageRoot(): string {
  // The package's package.json is not in its "exports": walk up from its entry point.
  let root = dirname(require.resolve('@sparticuz/chromium'));
  while (!existsSync(join(root, 'bin', 'chromium.br'))) {
    const up = dirname(root);
    if (up === root) throw new Error('@sparticuz/chromium has no bin/chromium.br: run npm ci');
    root = up;
  }
  return root;
}

export async function chromiumExecutablePath(): Promise<string> {
  const configured = process.env.OSTO_CHROMIUM?.trim();
  if (configured) return configured;
  const root = packageRoot();
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const exe = join(resolve('node_modules/.cache', `sparticuz-chromium-${version}`), 'chromium');
  if (existsSync(exe)) return exe;
  mkdirSync(dirname(exe), { recursive: true });
  const tmp = `${exe}.${process.pid}.${Date.now()}.tmp`;
  try {
    await pipeline(
      createReadStream(join(root, 'bin', 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(tmp, { mode: 0o755 }),
    );
    renameSync(tmp, exe);
  } finally {
    rmSync(tmp, { force: true });
  }
  return exe;
}
