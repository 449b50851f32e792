/**
 * Child of bench/http/run.ts: a lean local Slack Web API (auth.test ok, any other method ok,
 * response_url ok) and Bot Connector (200 `{"id"}` to POST/PUT /v3/conversations/:id/activities[/:id])
 * on one port. Unlike the test fakes it keeps nothing but counters (GET /stats), so it stays cheap
 * under load.
 */
import { createServer } from 'node:http';
import { listenLocal, serve } from './serve';

const counts = { connector: 0, slackApi: 0, responseUrl: 0, other: 0 };
let seq = 0;

const AUTH_TEST = JSON.stringify({
  ok: true,
  url: 'https://bench.slack.com/',
  team: 'Bench',
  user: 'osto',
  team_id: 'T0BENCH',
  user_id: 'U0OSTOBOT',
  bot_id: 'B0OSTOBOT',
});

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const path = req.url ?? '/';
    if (req.method === 'GET' && path === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(counts));
    } else if (/^\/v3\/conversations\/[^/]+\/activities(\/[^/?]+)?/.test(path)) {
      counts.connector++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id":"act-${++seq}"}`);
    } else if (path.startsWith('/api/')) {
      counts.slackApi++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(path.startsWith('/api/auth.test') ? AUTH_TEST : '{"ok":true}');
    } else if (path.startsWith('/response/')) {
      counts.responseUrl++;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    } else {
      counts.other++;
      res.writeHead(404);
      res.end();
    }
  });
});

serve(async () => ({
  url: await listenLocal(server),
  close: () => new Promise<void>((r) => server.close(() => r())),
}));
