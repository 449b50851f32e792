import { MemoryStore } from '../fakes/memory-store';
import { CONTRACT_NOW, storeContract } from './contract';

let n = 0;
storeContract(
  'MemoryStore (the fake of the unit tests)',
  async () => new MemoryStore({ now: () => CONTRACT_NOW }, () => `id-${++n}`),
);
