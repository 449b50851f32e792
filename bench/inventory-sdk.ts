/** Child of bench/inventory.ts: one inventory read through the product's AzureEngine (real SDKs). */
import { AzureEngine } from '../src/azure';

async function main(): Promise<void> {
  const env = JSON.parse(process.env.BENCH_INPUT ?? '{}') as {
    endpoints: { authorityHost: string; resourceManager: string; graph: string };
    creds: { tenantId: string; clientId: string; clientSecret: string; subscriptionId: string };
  };
  const engine = new AzureEngine({ endpoints: env.endpoints });
  const t0 = performance.now();
  const inv = await engine.inventory(env.creds);
  const ms = performance.now() - t0;
  process.stdout.write(
    JSON.stringify({
      ms,
      total: inv.total,
      types: Object.keys(inv.byType).length,
      maxRssKb: process.resourceUsage().maxRSS,
    }),
  );
}

void main();
