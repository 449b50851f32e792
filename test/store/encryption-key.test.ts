import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import { resolveEncryptionKey } from '../../src/store/encryption-key';
import { fakeLogger, key, newConnection, SECRET, useTempDir } from './store-fixtures';

const posix = process.platform !== 'win32';

describe('the encryption key', () => {
  const tmp = useTempDir();

  it('is generated beside the database (mode 0600, a warning) and reused on the next start', async () => {
    const path = join(tmp(), 'data', 'osto.db');
    const keyFile = `${path}.key`;
    const log = fakeLogger();
    const store = await openStore({ database: { kind: 'sqlite', path }, log });
    expect(existsSync(keyFile)).toBe(true);
    if (posix) expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const warns = log.calls.filter((c) => c.level === 'warn');
    expect(warns).toHaveLength(1);
    expect(warns[0]?.obj).toEqual({ keyFile });
    expect(warns[0]?.msg).toMatch(/OSTO_ENCRYPTION_KEY/);

    await store.workspaces.upsert({ id: 'T-alpha', channel: 'teams' });
    const c = await store.connections.create(newConnection(), SECRET);
    await store.close();

    const fileKey = readFileSync(keyFile, 'utf8').trim();
    expect(Buffer.from(fileKey, 'base64')).toHaveLength(32);

    const log2 = fakeLogger();
    const again = await openStore({ database: { kind: 'sqlite', path }, log: log2 });
    expect(await again.connections.readSecret('T-alpha', c.id)).toBe(SECRET);
    expect(log2.calls.filter((x) => x.level === 'warn')).toEqual([]);
    await again.close();

    const logged = JSON.stringify([...log.calls, ...log2.calls]);
    const raw = Buffer.from(fileKey, 'base64');
    for (const form of [fileKey, raw.toString('hex'), raw.toString('base64url')])
      expect(logged).not.toContain(form);
  });

  it('warns when the key file is readable by others', () => {
    if (!posix) return;
    const path = join(tmp(), 'osto.db');
    const first = resolveEncryptionKey({ sqlitePath: path, log: fakeLogger() });
    chmodSync(`${path}.key`, 0o644);
    const log = fakeLogger();
    expect(resolveEncryptionKey({ sqlitePath: path, log })).toEqual(first);
    expect(log.calls).toEqual([
      expect.objectContaining({ level: 'warn', obj: { keyFile: `${path}.key`, mode: '0644' } }),
    ]);
  });

  it('uses OSTO_ENCRYPTION_KEY when set, and writes no key file', () => {
    const path = join(tmp(), 'osto.db');
    const log = fakeLogger();
    expect(resolveEncryptionKey({ configuredKey: key(9), sqlitePath: path, log })).toEqual(key(9));
    expect(existsSync(`${path}.key`)).toBe(false);
    expect(log.calls).toEqual([]);
  });

  it('refuses a key file that does not hold 32 bytes, without echoing it', () => {
    const path = join(tmp(), 'osto.db');
    writeFileSync(`${path}.key`, 'c2hvcnQ=\n', { mode: 0o600 });
    expect(() => resolveEncryptionKey({ sqlitePath: path, log: fakeLogger() })).toThrow(
      /osto\.db\.key: expects 32 bytes/,
    );
  });

  it('says postgres is not supported yet', async () => {
    await expect(
      openStore({
        database: { kind: 'postgres', url: 'postgres://u@h/db' },
        encryptionKey: key(1),
        log: fakeLogger(),
      }),
    ).rejects.toThrow(
      'DATABASE_URL=postgres:// is not supported yet: use sqlite:<path> (the embedded default).',
    );
  });
});
