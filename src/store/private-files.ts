import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** The suffixes of the files SQLite keeps beside a database. */
export const SQLITE_COMPANIONS = ['', '-wal', '-shm', '-journal'] as const;

/**
 * Creates the database file 0600 before SQLite opens it (SQLite gives its WAL and SHM files
 * the database file's mode), in a directory created 0700, and narrows any of these files that
 * an older version left readable by other local users. Returns the files it narrowed.
 */
export function preparePrivateDatabase(path: string): string[] {
  if (path === ':memory:' || process.platform === 'win32') return [];
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  const narrowed: string[] = [];
  for (const suffix of SQLITE_COMPANIONS) {
    const file = `${path}${suffix}`;
    if (!existsSync(file)) continue;
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) === 0) continue;
    chmodSync(file, mode & 0o700);
    narrowed.push(file);
  }
  return narrowed;
}
