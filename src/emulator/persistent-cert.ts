import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTestCertificate } from './tls';

/** Where `npm run emulator` and `npm run demo` keep the emulator's certificate and key. */
export const EMULATOR_CA_PATH = path.resolve('data', 'emulator-ca.pem');
export const EMULATOR_KEY_PATH = path.resolve('data', 'emulator-key.pem');

/**
 * The certificate of the previous run while it is valid for at least another day, else a new
 * one written beside it: a bot started with NODE_EXTRA_CA_CERTS pointing at it keeps trusting
 * a restarted emulator.
 */
export async function persistentCertificate(
  caPath = EMULATOR_CA_PATH,
  keyPath = EMULATOR_KEY_PATH,
): Promise<{ key: string; cert: string }> {
  if (existsSync(caPath) && existsSync(keyPath)) {
    try {
      const cert = readFileSync(caPath, 'utf8');
      const key = readFileSync(keyPath, 'utf8');
      if (Date.parse(new X509Certificate(cert).validTo) > Date.now() + 86_400_000) return { key, cert };
    } catch {
      // unreadable or not a certificate: make a new one
    }
  }
  const pair = await makeTestCertificate();
  mkdirSync(path.dirname(caPath), { recursive: true });
  writeFileSync(keyPath, pair.key, { mode: 0o600 });
  chmodSync(keyPath, 0o600);
  writeFileSync(caPath, pair.cert, { mode: 0o644 });
  chmodSync(caPath, 0o644);
  return pair;
}
