import type BetterSqlite3 from 'better-sqlite3';
import { type SecretBox, SecretFormatError, SecretKeyMismatchError } from './secret-box';

/**
 * A value encrypted with the key on the first start, so a later start with another key
 * stops at once with one clear line instead of failing on the first secret read.
 */

const META_KEY = 'key_check';
const PLAINTEXT = 'osto-bot encryption key check';
const AAD = 'meta:key_check';

export class EncryptionKeyMismatchError extends Error {
  override readonly name = 'EncryptionKeyMismatchError';
  constructor(readonly databasePath: string) {
    super(
      `OSTO_ENCRYPTION_KEY does not match the key this database was encrypted with (${databasePath}). ` +
        'Use the original key, or point DATABASE_URL at a new database.',
    );
  }
}

/** Stores the check value on first use; otherwise verifies it. Call inside the migrate transaction. */
export function checkEncryptionKey(db: BetterSqlite3.Database, box: SecretBox, databasePath: string): void {
  const stored = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck().get(META_KEY);
  if (stored === undefined) {
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(META_KEY, box.encrypt(PLAINTEXT, AAD));
    return;
  }
  let plaintext: string;
  try {
    plaintext = box.decrypt(stored, AAD);
  } catch (e) {
    if (e instanceof SecretKeyMismatchError || e instanceof SecretFormatError)
      throw new EncryptionKeyMismatchError(databasePath);
    throw e;
  }
  if (plaintext !== PLAINTEXT) throw new EncryptionKeyMismatchError(databasePath);
}
