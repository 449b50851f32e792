import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import { fakeLogger, useTempDir } from './store-fixtures';

const mode = (f: string) => statSync(f).mode & 0o777;

describe('the embedded database files are private to the bot (0600)', () => {
  const dir = useTempDir();

  it('creates the database, its WAL and its shared memory file readable by the owner only', async () => {
    const path = join(dir(), 'data', 'osto.db');
    const store = await openStore({ database: { kind: 'sqlite', path }, log: fakeLogger() });
    await store.workspaces.upsert({ id: 'slack:T1', channel: 'slack' });
    for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}.key`]) expect(mode(f)).toBe(0o600);
    await store.close();
  });

  it('narrows files an older version left readable by others, and says so', async () => {
    const path = join(dir(), 'osto.db');
    const first = await openStore({ database: { kind: 'sqlite', path }, log: fakeLogger() });
    await first.close();
    chmodSync(path, 0o644);
    writeFileSync(`${path}-journal`, '');
    chmodSync(`${path}-journal`, 0o664);
    const log = fakeLogger();
    const store = await openStore({ database: { kind: 'sqlite', path }, log });
    expect(mode(path)).toBe(0o600);
    expect(
      log.calls.find((c) => c.level === 'warn' && /narrowed them to 0600/.test(c.msg ?? '')),
    ).toBeDefined();
    await store.close();
  });
});
