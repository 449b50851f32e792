import type { Clock, Logger } from '../core/ports';
import type { Store } from '../core/store/ports';
import { resolveEncryptionKey } from './encryption-key';
import { SqliteStore } from './sqlite';

export { EncryptionKeyMismatchError } from './key-check';
export { SchemaTooNewError } from './migrations';
export { SecretKeyMismatchError } from './secret-box';
export { SqliteStore } from './sqlite';

/** Where the data lives (the shape of `Config['database']`). */
export type StoreDatabase = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface OpenStoreOptions {
  database: StoreDatabase;
  /** OSTO_ENCRYPTION_KEY (32 bytes); absent = the key file beside the sqlite database. */
  encryptionKey?: Buffer;
  log: Logger;
  clock?: Clock;
}

/** Opens the configured store, migrated and with its encryption key checked, ready to use. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { database, log } = options;
  if (database.kind === 'postgres')
    throw new Error(
      'DATABASE_URL=postgres:// is not supported yet: use sqlite:<path> (the embedded default).',
    );
  const key = resolveEncryptionKey({ configuredKey: options.encryptionKey, sqlitePath: database.path, log });
  const store = new SqliteStore({
    path: database.path,
    key,
    ...(options.clock ? { clock: options.clock } : {}),
    onNarrowed: (files) =>
      log.warn({ files }, 'database files were readable by other users; narrowed them to 0600'),
  });
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  log.debug({ path: database.path }, 'store ready (sqlite)');
  return store;
}
