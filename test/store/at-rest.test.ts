import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../../src/core/store/ports';
import { openStore } from '../../src/store';
import { MIGRATIONS } from '../../src/store/migrations';
import { SecretKeyMismatchError } from '../../src/store/secret-box';
import { fakeLogger, key, newConnection, SECRET, useTempDir } from './store-fixtures';

/** Everything sqlite keeps on disk for the database: the file and its write-ahead log. */
function diskBytes(dbPath: string): Buffer {
  const parts = [dbPath, `${dbPath}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p));
  return Buffer.concat(parts);
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const open = (path: string, k: Buffer): Promise<Store> =>
  openStore({ database: { kind: 'sqlite', path }, encryptionKey: k, log: fakeLogger() });

async function seed(store: Store): Promise<string> {
  await store.workspaces.upsert({ id: 'T-alpha', channel: 'teams' });
  const c = await store.connections.create(newConnection({ name: 'Production-Name-Marker' }), SECRET);
  await store.conversations.save({
    workspaceId: 'T-alpha',
    key: '19:abc',
    channel: 'teams',
    reference: { id: 1 },
  });
  await store.audit.append({
    workspaceId: 'T-alpha',
    actor: 'u1',
    action: 'connect',
    target: c.name,
    outcome: 'ok',
    at: '2025-03-01T10:00:00.000Z',
  });
  return c.id;
}

describe('the sqlite file at rest', () => {
  const tmp = useTempDir();

  it('never holds the secret in plaintext or base64, while open and after close', async () => {
    const path = join(tmp(), 'nested', 'dir', 'osto.db');
    const store = await open(path, key(1));
    await seed(store);
    const forms = [SECRET, Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('base64url')];
    const check = (bytes: Buffer) => {
      expect(bytes.includes('Production-Name-Marker')).toBe(true);
      for (const form of forms) expect(bytes.includes(form)).toBe(false);
      expect(bytes.includes(Buffer.from(SECRET, 'utf16le'))).toBe(false);
    };
    check(diskBytes(path));
    await store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    check(diskBytes(path));
  });

  it('keeps everything across a restart, without re-applying migrations', async () => {
    const path = join(tmp(), 'osto.db');
    const first = await open(path, key(1));
    const id = await seed(first);
    await first.close();

    const again = await open(path, key(1));
    expect((await again.connections.get('T-alpha', id))?.name).toBe('Production-Name-Marker');
    expect(await again.connections.readSecret('T-alpha', id)).toBe(SECRET);
    expect((await again.conversations.get('T-alpha', '19:abc'))?.reference).toEqual({ id: 1 });
    expect(await again.audit.list('T-alpha')).toHaveLength(1);
    await again.close();

    const raw = new Database(path, { readonly: true });
    const count = raw.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    raw.close();
    expect(count.n).toBe(MIGRATIONS.length);
  });

  it('stops with one clear line on the wrong key, and leaves the file untouched', async () => {
    const path = join(tmp(), 'osto.db');
    const first = await open(path, key(1));
    const id = await seed(first);
    await first.close();
    const before = sha(path);

    const err = await open(path, key(2)).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toBe(
      `OSTO_ENCRYPTION_KEY does not match the key this database was encrypted with (${path}). ` +
        'Use the original key, or point DATABASE_URL at a new database.',
    );
    expect(err?.message).not.toContain('\n');
    expect(err?.message).not.toContain(key(2).toString('base64'));
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);

    const right = await open(path, key(1));
    expect(await right.connections.readSecret('T-alpha', id)).toBe(SECRET);
    await right.close();
  });

  it('binds each ciphertext to its connection: a swapped row does not decrypt', async () => {
    const path = join(tmp(), 'osto.db');
    const store = await open(path, key(1));
    await store.workspaces.upsert({ id: 'T-alpha', channel: 'teams' });
    const a = await store.connections.create(newConnection({ name: 'A' }), 'secret-of-a');
    const b = await store.connections.create(newConnection({ name: 'B' }), 'secret-of-b');

    const raw = new Database(path);
    raw
      .prepare(
        'UPDATE secrets SET ciphertext = (SELECT ciphertext FROM secrets WHERE connection_id = ?) WHERE connection_id = ?',
      )
      .run(a.id, b.id);
    raw.close();

    await expect(store.connections.readSecret('T-alpha', b.id)).rejects.toBeInstanceOf(
      SecretKeyMismatchError,
    );
    expect(await store.connections.readSecret('T-alpha', a.id)).toBe('secret-of-a');
    await store.close();
  });

  it("leaves no trace of an attempt's secret once the attempt ends, in the file or its WAL", async () => {
    const path = join(tmp(), 'osto.db');
    const store = await open(path, key(1));
    await store.workspaces.upsert({ id: 'T-alpha', channel: 'teams' });
    const attemptSecret = 'Att8Q~attempt-secret-that-must-vanish-0123456789';
    const a = await store.attempts.create(
      {
        workspaceId: 'T-alpha',
        key: 'card-1',
        actor: 'u1',
        values: { name: 'P', subscriptionId: 's', clientId: 'c', tenantId: 't' },
        progress: { channel: 'teams', workspaceId: 'T-alpha', conversationKey: 'c1' },
      },
      attemptSecret,
    );
    const raw = new Database(path, { readonly: true });
    const ciphertext = raw
      .prepare('SELECT ciphertext FROM connect_attempt_secrets WHERE attempt_id = ?')
      .pluck()
      .get(a.id) as string;
    raw.close();
    expect(diskBytes(path).includes(ciphertext)).toBe(true);
    await store.attempts.finish('T-alpha', a.id, { status: 'interrupted', outcome: 'interrupted' });
    const bytes = diskBytes(path);
    expect(bytes.includes(ciphertext)).toBe(false);
    expect(bytes.includes(ciphertext.split(':')[3] as string)).toBe(false);
    expect(bytes.includes(attemptSecret)).toBe(false);
    await store.close();
  });
});
