/**
 * Part of `npm run bench`: the request path. The real osto app versus a bare baseline of the same
 * SDK, for Slack (signed `/osto help` slash command) and Teams (`/osto help` message activity),
 * each server in its own child process, the fakes (Slack Web API, Bot Connector) in another, the
 * load generator (autocannon) here. Per channel: a probe request, a warm-up of each, then rounds
 * alternating osto, bare, osto, bare... The tables show medians across rounds, and the ratios.
 *
 *   BENCH_HTTP_SECONDS (3)  BENCH_HTTP_ROUNDS (5)  BENCH_HTTP_WARMUP_SECONDS (2)
 *   BENCH_HTTP_CONNECTIONS (20)  BENCH_LOG_LEVEL (warn: the osto apps' LOG_LEVEL)
 *   BENCH_PROFILE_DIR: a .cpuprofile per server, of its measured rounds; see ./profile-summary.ts
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTarget, type TargetProcess } from './child';
import { type HttpRequest, load, type Sample } from './load';
import { slackHelpCommand, teamsHelpMessage } from './requests';
import { median } from './stats';

function numberEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: expects a positive number, got "${raw}"`);
  return n;
}

const SECONDS = numberEnv('BENCH_HTTP_SECONDS', 3);
const ROUNDS = Math.round(numberEnv('BENCH_HTTP_ROUNDS', 5));
const WARMUP = numberEnv('BENCH_HTTP_WARMUP_SECONDS', 2);
const CONNECTIONS = Math.round(numberEnv('BENCH_HTTP_CONNECTIONS', 20));
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL?.trim() || 'warn';
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR?.trim() || undefined;

interface FakeCounts {
  connector: number;
  slackApi: number;
  responseUrl: number;
  other: number;
}

interface Side {
  label: string;
  target: TargetProcess;
  /** A fresh request (Slack: signed now). */
  request: () => HttpRequest;
  /** What a correct answer to the probe looks like; a message when it is not. */
  checkProbe: (status: number, body: string, replies: number) => string | undefined;
  /** Teams: every 2xx comes with one reply to the fake connector. */
  countsReplies: boolean;
}

interface Measured {
  side: Side;
  rounds: Sample[];
  warmup: Sample;
  logLines: number;
  /** Bot Connector calls seen by the fake during the measured rounds. */
  replies: number;
}

/** Problems found on the way (errors, non-2xx, missing replies): printed loudly at the end. */
const problems: string[] = [];

async function fakeCounts(fakesUrl: string): Promise<FakeCounts> {
  const res = await fetch(`${fakesUrl}/stats`);
  return (await res.json()) as FakeCounts;
}

function checkSample(label: string, what: string, s: Sample, replies: number | undefined): void {
  if (s.non2xx > 0 || s.errors > 0)
    problems.push(
      `${label} (${what}): ${s.non2xx} non-2xx, ${s.errors} errors (${s.timeouts} timeouts); statuses ${JSON.stringify(s.statuses)}`,
    );
  if (s.ok === 0) problems.push(`${label} (${what}): no 2xx answer at all`);
  // Requests in flight at either end of a measurement may reply inside or outside its window.
  if (replies !== undefined && Math.abs(replies - s.ok) > 2 * CONNECTIONS)
    problems.push(`${label} (${what}): ${s.ok} answers but ${replies} replies reached the fake connector`);
}

async function probe(side: Side, fakesUrl: string): Promise<void> {
  const req = side.request();
  const before = await fakeCounts(fakesUrl);
  const res = await fetch(`${side.target.url}${req.path}`, {
    method: 'POST',
    headers: req.headers,
    body: req.body,
  });
  const body = await res.text();
  const after = await fakeCounts(fakesUrl);
  const wrong = side.checkProbe(res.status, body, after.connector - before.connector);
  if (wrong) throw new Error(`${side.label}: the probe request was not answered right: ${wrong}`);
}

async function measure(sides: Side[], fakesUrl: string): Promise<Measured[]> {
  for (const side of sides) await probe(side, fakesUrl);
  const out: Measured[] = [];
  for (const side of sides) {
    const warmup = await load(side.target.url, side.request(), WARMUP, CONNECTIONS);
    checkSample(side.label, 'warm-up', warmup, undefined);
    out.push({ side, rounds: [], warmup, logLines: 0, replies: 0 });
  }
  for (const side of sides) await side.target.startProfile();
  for (let round = 1; round <= ROUNDS; round++)
    for (const m of out) {
      const logs = m.side.target.logLines;
      const before = await fakeCounts(fakesUrl);
      const s = await load(m.side.target.url, m.side.request(), SECONDS, CONNECTIONS);
      const replies = (await fakeCounts(fakesUrl)).connector - before.connector;
      m.rounds.push(s);
      m.replies += replies;
      m.logLines += m.side.target.logLines - logs;
      checkSample(m.side.label, `round ${round}`, s, m.side.countsReplies ? replies : undefined);
    }
  // Beside each profile, the requests it served: profile-summary shows CPU time per request.
  if (PROFILE_DIR)
    for (const m of out)
      writeFileSync(
        join(PROFILE_DIR, `${m.side.target.name}.requests.json`),
        JSON.stringify({ requests: m.rounds.reduce((n, r) => n + r.ok, 0), label: m.side.label }),
      );
  return out;
}

const fmt = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function report(title: string, ms: Measured[], goal: { rps: number; p99?: number }): void {
  const row = (m: Measured) => ({
    rps: median(m.rounds.map((r) => r.rps)),
    p50: median(m.rounds.map((r) => r.p50)),
    p99: median(m.rounds.map((r) => r.p99)),
  });
  const [osto, bare] = ms as [Measured, Measured];
  const a = row(osto);
  const b = row(bare);
  const lines = [
    `Request path, ${title} (${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s, alternating, medians; osto LOG_LEVEL=${LOG_LEVEL}):`,
    '| target | req/s | p50 ms | p99 ms |',
    '|---|--:|--:|--:|',
    ...ms.map((m) => {
      const r = row(m);
      return `| ${m.side.label} | ${fmt(r.rps, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} |`;
    }),
  ];
  const rpsRatio = a.rps / b.rps;
  const p99Ratio = a.p99 / b.p99;
  const met = rpsRatio >= goal.rps && (goal.p99 === undefined || p99Ratio <= goal.p99);
  const goalText = `goal: throughput ≥ ${goal.rps}${goal.p99 === undefined ? '' : `, p99 ≤ ${goal.p99}`}`;
  lines.push(
    `ratio osto/bare: throughput ×${fmt(rpsRatio, 2)}, p50 ×${fmt(a.p50 / b.p50, 2)}, p99 ×${fmt(p99Ratio, 2)}   (${goalText}: ${met ? 'met' : 'NOT met'})`,
  );
  for (const m of ms)
    lines.push(
      `  ${m.side.label}: req/s by round ${m.rounds.map((r) => fmt(r.rps, 0)).join(', ')}; warm-up ${fmt(m.warmup.rps, 0)}`,
    );
  const total = osto.rounds.reduce((n, r) => n + r.ok, 0);
  lines.push(
    `  osto log output during the rounds: ${osto.logLines} lines (${fmt(osto.logLines / Math.max(1, total), 3)} per request)` +
      (osto.side.countsReplies
        ? `; replies at the fake connector: osto ${osto.replies}, bare ${bare.replies}`
        : ''),
  );
  if (osto.logLines > 0) lines.push(`  last osto log line: ${osto.side.target.lastLogLine.slice(0, 300)}`);
  console.log(lines.join('\n'));
}

export async function httpBench(): Promise<void> {
  const started: TargetProcess[] = [];
  const start = async (name: string, file: string, env: Record<string, string> = {}) => {
    const t = await startTarget(name, file, { env, ...(PROFILE_DIR ? { profileDir: PROFILE_DIR } : {}) });
    started.push(t);
    return t;
  };
  const stopAll = async () => {
    for (const t of started.splice(0).reverse()) await t.stop();
  };
  const t0 = performance.now();
  try {
    const fakes = await start('fakes', 'bench/http/targets/fakes.ts');
    const ostoEnv = { BENCH_FAKES_URL: fakes.url, BENCH_LOG_LEVEL: LOG_LEVEL };

    // Slack: the osto app with Slack on, versus a bare Bolt app that only acks.
    const ostoSlack = await start('osto-slack', 'bench/http/targets/osto.ts', {
      ...ostoEnv,
      BENCH_CHANNEL: 'slack',
    });
    const bareBolt = await start('bare-bolt', 'bench/http/targets/bare-bolt.ts');
    const slack = await measure(
      [
        {
          label: 'osto Slack /osto help',
          target: ostoSlack,
          request: () => slackHelpCommand(fakes.url),
          countsReplies: false,
          checkProbe: (status, body) =>
            status !== 200 || !body.includes('"response_type":"ephemeral"')
              ? `expected 200 with the ephemeral help, got ${status} ${body.slice(0, 200)}`
              : undefined,
        },
        {
          label: 'bare Bolt ack',
          target: bareBolt,
          request: () => slackHelpCommand(fakes.url),
          countsReplies: false,
          checkProbe: (status, body) =>
            status !== 200 ? `expected 200, got ${status} ${body.slice(0, 200)}` : undefined,
        },
      ],
      fakes.url,
    );
    report('Slack', slack, { rps: 0.8, p99: 1.25 });
    await ostoSlack.stop();
    await bareBolt.stop();
    console.log('');

    // Teams: the osto app in local mode, versus a bare botbuilder bot that replies one line.
    const ostoTeams = await start('osto-teams', 'bench/http/targets/osto.ts', {
      ...ostoEnv,
      BENCH_CHANNEL: 'teams',
    });
    const bareBot = await start('bare-botbuilder', 'bench/http/targets/bare-botbuilder.ts');
    const replyCheck = (status: number, body: string, replies: number) =>
      status !== 200 || replies !== 1
        ? `expected 200 and one reply at the fake connector, got ${status} ${body.slice(0, 200)} and ${replies} replies`
        : undefined;
    const teams = await measure(
      [
        {
          label: 'osto Teams /osto help',
          target: ostoTeams,
          request: () => teamsHelpMessage(fakes.url),
          countsReplies: true,
          checkProbe: replyCheck,
        },
        {
          label: 'bare botbuilder reply',
          target: bareBot,
          request: () => teamsHelpMessage(fakes.url),
          countsReplies: true,
          checkProbe: replyCheck,
        },
      ],
      fakes.url,
    );
    report('Teams', teams, { rps: 0.8 });
    const counts = await fakeCounts(fakes.url);
    console.log(
      `fakes: ${counts.slackApi} Slack Web API calls, ${counts.responseUrl} response_url posts, ${counts.connector} Bot Connector calls; request-path part took ${fmt((performance.now() - t0) / 1000, 0)} s`,
    );
  } finally {
    await stopAll();
  }
  if (PROFILE_DIR)
    console.log(`CPU profiles in ${PROFILE_DIR} (summarise: npx tsx bench/http/profile-summary.ts <file>)`);
  if (problems.length > 0) {
    const bar = '!'.repeat(100);
    console.error(
      [
        bar,
        `!!! THE REQUEST-PATH BENCHMARK SAW ERRORS: its figures are not to be trusted`,
        ...problems.map((p) => `!!! ${p}`),
        bar,
      ].join('\n'),
    );
    process.exitCode = 1;
  }
}
