/**
 * Part of `npm run bench`: a 50,000-resource subscription read three ways, measured in one run:
 * the product's full posture sync (inventory + Resource Graph properties + sub-resources + the
 * rule pack), the product's inventory alone, and a plain-fetch paging baseline of the same
 * inventory pages. Each runs in its own child process (peak RSS is per process), alternating,
 * 3 rounds; the table shows the median of each and the ratios to the baseline.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateResources, SAMPLE, sampleWorld, startEmulator } from '../src/emulator';

const COUNT = Number(process.env.BENCH_RESOURCES ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Run {
  ms: number;
  total: number;
  maxRssKb: number;
  /** Requests sent (the sync only). */
  requests?: number;
  /** Parts of the sync that could not be read (must be 0). */
  missing?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export async function inventoryBench(): Promise<void> {
  const dir = process.env.OSTO_TEST_TLS_DIR;
  if (!dir) throw new Error('run with `npm run bench`');
  const tls = {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  };
  const world = sampleWorld();
  const sub = world.subscriptions.find((s) => s.subscriptionId === SAMPLE.credentials.good.subscriptionId);
  if (!sub) throw new Error('sample world changed');
  sub.resources = generateResources({
    subscriptionId: sub.subscriptionId,
    count: COUNT,
    seed: 50,
    insecureRatio: 0.3,
  });
  const emu = await startEmulator({ world, tls, port: 0, throttle: false });
  const input = JSON.stringify({
    endpoints: {
      authorityHost: emu.authorityHost,
      resourceManager: emu.armEndpoint,
      graph: emu.graphEndpoint,
    },
    creds: SAMPLE.credentials.good,
  });
  const tsx = resolve('node_modules/.bin/tsx');
  // Asynchronous children: the emulator lives in this process and must keep serving.
  const runAsync = (file: string) =>
    new Promise<Run>((res, rej) => {
      execFile(
        tsx,
        [file],
        { env: { ...process.env, BENCH_INPUT: input }, maxBuffer: 1 << 20 },
        (err, out) => (err ? rej(err) : res(JSON.parse(out) as Run)),
      );
    });
  const sync: Run[] = [];
  const sdk: Run[] = [];
  const plain: Run[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    sync.push(await runAsync('bench/sync-sdk.ts'));
    sdk.push(await runAsync('bench/inventory-sdk.ts'));
    plain.push(await runAsync('bench/inventory-fetch.ts'));
  }
  await emu.close();
  for (const r of [...sync, ...sdk, ...plain])
    if (r.total !== COUNT) throw new Error(`wrong count: ${r.total} instead of ${COUNT}`);
  for (const r of sync) if (r.missing) throw new Error(`the sync was partial (${r.missing} parts missing)`);
  const row = (name: string, rs: Run[]) => ({
    client: name,
    resources: COUNT,
    'time (ms, median)': Math.round(median(rs.map((r) => r.ms))),
    'peak RSS (MB, median)': Math.round(median(rs.map((r) => r.maxRssKb)) / 1024),
  });
  const s = { ...row('osto posture sync (inventory + properties + sub-resources + rules)', sync) };
  const a = row('osto AzureEngine.inventory (SDK)', sdk);
  const b = row('plain fetch paging (baseline)', plain);
  console.log(`A subscription of ${COUNT} resources, ${ROUNDS} rounds each, alternating, one run:`);
  console.table([s, a, b]);
  const ratio = (x: typeof a) =>
    `time ×${(x['time (ms, median)'] / b['time (ms, median)']).toFixed(2)}, peak RSS ×${(x['peak RSS (MB, median)'] / b['peak RSS (MB, median)']).toFixed(2)}`;
  console.log(`ratio sync/baseline: ${ratio(s)} (${median(sync.map((r) => r.requests ?? 0))} requests)`);
  console.log(`ratio inventory/baseline: ${ratio(a)}`);
}
