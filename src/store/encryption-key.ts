import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../core/ports';
import { KEY_BYTES } from './secret-box';

/**
 * Where the encryption key comes from (SPEC 2): OSTO_ENCRYPTION_KEY when set; otherwise a
 * key file beside the sqlite database (`<db>.key`, mode 0600), generated on first start.
 * The key itself is never logged nor put in an error message.
 */
export interface ResolveKeyOptions {
  configuredKey?: Buffer;
  /** The sqlite database path (or ':memory:'); absent for postgres. */
  sqlitePath?: string;
  log: Logger;
}

export function keyFileFor(sqlitePath: string): string {
  return `${sqlitePath}.key`;
}

export function resolveEncryptionKey({ configuredKey, sqlitePath, log }: ResolveKeyOptions): Buffer {
  if (configuredKey) {
    if (configuredKey.length !== KEY_BYTES)
      throw new Error(
        `OSTO_ENCRYPTION_KEY: expects ${KEY_BYTES} bytes, base64 (got ${configuredKey.length} bytes)`,
      );
    return configuredKey;
  }
  if (sqlitePath === undefined)
    throw new Error(
      `OSTO_ENCRYPTION_KEY: required when the database is not sqlite (${KEY_BYTES} bytes, base64)`,
    );
  if (sqlitePath === ':memory:') {
    log.debug({}, 'in-memory database: using a throwaway encryption key');
    return randomBytes(KEY_BYTES);
  }
  const keyFile = keyFileFor(sqlitePath);
  const created = createKeyFile(keyFile);
  if (created) {
    log.warn(
      { keyFile },
      'generated an encryption key file beside the database; keep it with the database, and set OSTO_ENCRYPTION_KEY in production',
    );
    return created;
  }
  return readKeyFile(keyFile, log);
}

/** Creates the key file unless it exists (exclusive create: no race with another process). */
function createKeyFile(keyFile: string): Buffer | undefined {
  const key = randomBytes(KEY_BYTES);
  mkdirSync(dirname(keyFile), { recursive: true });
  try {
    writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw e;
  }
  return key;
}

function readKeyFile(keyFile: string, log: Logger): Buffer {
  if (process.platform !== 'win32') {
    const mode = statSync(keyFile).mode & 0o777;
    if ((mode & 0o077) !== 0)
      log.warn(
        { keyFile, mode: mode.toString(8).padStart(4, '0') },
        'the encryption key file is readable by other users: chmod 600 it',
      );
  }
  const text = readFileSync(keyFile, 'utf8').trim();
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || key.length !== KEY_BYTES)
    throw new Error(`${keyFile}: expects ${KEY_BYTES} bytes, base64 (the format of OSTO_ENCRYPTION_KEY)`);
  return key;
}
