/** Child of bench/inventory.ts: one full posture sync (inventory + properties + sub-resources + rules). */
import { AzureEngine } from '../src/azure';
import { RULES } from '../src/checks';
import { PostureEvaluator } from '../src/core/posture/evaluate';
import { planFor } from '../src/core/posture/plan';

async function main(): Promise<void> {
  const env = JSON.parse(process.env.BENCH_INPUT ?? '{}') as {
    endpoints: { authorityHost: string; resourceManager: string; graph: string };
    creds: { tenantId: string; clientId: string; clientSecret: string; subscriptionId: string };
  };
  const engine = new AzureEngine({ endpoints: env.endpoints });
  const evaluator = new PostureEvaluator(RULES);
  const t0 = performance.now();
  const read = await engine.sync(env.creds, {
    plan: planFor(RULES),
    sink: {
      resource: (r) => evaluator.resource(r),
      subscription: (f) => evaluator.subscription(f, 'bench'),
    },
  });
  const ms = performance.now() - t0;
  process.stdout.write(
    JSON.stringify({
      ms,
      total: read.inventory.total,
      judged: evaluator.judged,
      findings: evaluator.findings().length,
      requests: read.requests,
      missing: read.missing.length,
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      maxRssKb: process.resourceUsage().maxRSS,
    }),
  );
}

void main();
