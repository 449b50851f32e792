import { SqliteStore } from '../../src/store/sqlite';
import { CONTRACT_NOW, storeContract } from './contract';
import { key } from './store-fixtures';

storeContract('SqliteStore', async () => {
  let n = 0;
  const store = new SqliteStore({
    path: ':memory:',
    key: key(7),
    clock: { now: () => CONTRACT_NOW },
    idFactory: () => `id-${++n}`,
  });
  await store.migrate();
  return store;
});
