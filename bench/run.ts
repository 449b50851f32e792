/**
 * `npm run bench`: the inventory benchmark (./inventory.ts), then the request-path benchmark
 * (./http/run.ts), in one run. `BENCH_ONLY=inventory` or `BENCH_ONLY=http` runs one part alone.
 */
import { httpBench } from './http/run';
import { inventoryBench } from './inventory';

const PARTS = { inventory: inventoryBench, http: httpBench } as const;

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.trim();
  if (only && !(only in PARTS))
    throw new Error(`BENCH_ONLY: expects ${Object.keys(PARTS).join(' or ')}, got "${only}"`);
  const parts = only ? [only as keyof typeof PARTS] : (Object.keys(PARTS) as (keyof typeof PARTS)[]);
  for (const [i, name] of parts.entries()) {
    if (i > 0) console.log('');
    await PARTS[name]();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
