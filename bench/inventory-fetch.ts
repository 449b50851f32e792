/**
 * Child of bench/inventory.ts: the baseline. The same token and the same pages, read with plain
 * fetch and JSON.parse, counting only the total: the least any client could do.
 */
async function main(): Promise<void> {
  const env = JSON.parse(process.env.BENCH_INPUT ?? '{}') as {
    endpoints: { authorityHost: string; resourceManager: string };
    creds: { tenantId: string; clientId: string; clientSecret: string; subscriptionId: string };
  };
  const t0 = performance.now();
  const tokenRes = await fetch(`${env.endpoints.authorityHost}/${env.creds.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: env.creds.clientId,
      client_secret: env.creds.clientSecret,
      scope: `${env.endpoints.resourceManager}/.default`,
    }),
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  let url: string | undefined =
    `${env.endpoints.resourceManager}/subscriptions/${env.creds.subscriptionId}/resources?api-version=2021-04-01&$top=1000`;
  let total = 0;
  while (url) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${access_token}` } });
    const page = (await res.json()) as { value: unknown[]; nextLink?: string };
    total += page.value.length;
    url = page.nextLink;
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, total, maxRssKb: process.resourceUsage().maxRSS }));
}

void main();
