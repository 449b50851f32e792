/**
 * Hostile requests against a running bot process (local mode): each class of request the
 * hardening issue listed gets its answer, one log line, nothing stored, and the process stays
 * up with its memory bounded.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { CONNECTOR_DEADLINE_MS } from '../../src/channels/teams/connector-deadline';
import { TEAMS_MAX_ACTIVITY_BYTES } from '../../src/channels/teams/reply-size';
import { type ChildBot, startChildBot } from '../support/child-bot';
import { cardText, FakeConnector } from '../support/fake-connector';
import { gzipBomb, postRaw } from '../support/hostile-bodies';
import { teamsActivity } from '../support/teams-activity';

const JSON_TYPE = { 'content-type': 'application/json' };
const GZIP = { ...JSON_TYPE, 'content-encoding': 'gzip' };

describe('Teams: hostile requests to a running bot (local mode)', () => {
  let bot: ChildBot;
  let connector: FakeConnector;
  let url: string;

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    bot = await startChildBot();
    url = `${bot.url}/api/messages`;
  }, 60_000);
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  const activity = (extra: Record<string, unknown> = {}) =>
    teamsActivity(
      {
        tenantId: randomUUID(),
        conversationId: `a:${randomUUID()}`,
        userId: randomUUID(),
        serviceUrl: connector.url,
      },
      { text: 'help', ...extra },
    );

  const refusals = () => bot.lines.filter((l) => l.includes('"msg":"request refused"')).length;
  const errors = () => bot.lines.filter((l) => /"level":50/.test(l)).length;

  it('a 600 MB gzip bomb (630 KB on the wire) gets 413; the process stays up, memory bounded', async () => {
    const bomb = gzipBomb(600);
    expect(bomb.length).toBeLessThan(700_000);
    const res = await postRaw(url, bomb, GZIP);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).error).toMatch(/larger than/);
    expect(bot.alive()).toBe(true);
    expect(bot.peakRssMb()).toBeLessThan(300);
  });

  it('the gzip bypass (100 MB inflated from 100 KB) gets 413 and runs no turn', async () => {
    const res = await postRaw(url, gzipBomb(100), GZIP);
    expect(res.status).toBe(413);
    expect(connector.calls).toHaveLength(0);
    expect(bot.peakRssMb()).toBeLessThan(300);
  });

  it('a small gzip activity within the limit is read and answered', async () => {
    const res = await postRaw(url, gzipSync(JSON.stringify(activity())), GZIP);
    expect(res.status).toBe(200);
    await connector.waitFor((c) => cardText(c).includes('connect azure'));
  });

  const nested = `{"type":"message","conversation":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
  const mention = { entities: [{ type: 'mention', text: '<at>Osto</at>' }] };
  it.each<[string, number, string | Buffer, Record<string, string>, RegExp]>([
    ['{"type":"message"} alone', 400, '{"type":"message"}', JSON_TYPE, /channelId|conversation|serviceUrl/],
    ['{}', 400, '{}', JSON_TYPE, /type/],
    ['null', 400, 'null', JSON_TYPE, /JSON object/],
    [
      'a form body',
      400,
      'type=message&text=help',
      { 'content-type': 'application/x-www-form-urlencoded' },
      /JSON/,
    ],
    ['not JSON', 400, '{"type":', JSON_TYPE, /not valid JSON/],
    ['10,000 levels of nesting', 400, nested, JSON_TYPE, /nested/],
    ['brotli', 415, Buffer.from('xx'), { ...JSON_TYPE, 'content-encoding': 'br' }, /content-encoding/],
    ['corrupt gzip', 400, Buffer.from('not gzip at all'), GZIP, /decoded/],
  ])('%s → %i with a reason and one warn line', async (_name, status, body, headers, reason) => {
    const before = refusals();
    const errorsBefore = errors();
    const res = await postRaw(url, body, headers);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.text).error).toMatch(reason);
    await bot.waitForLine(() => refusals() === before + 1);
    expect(refusals()).toBe(before + 1);
    expect(errors()).toBe(errorsBefore);
  });

  it.each<[string, (a: Record<string, unknown>) => Record<string, unknown>, RegExp]>([
    ['no conversation', ({ conversation: _c, ...a }) => a, /conversation/],
    ['no recipient', ({ recipient: _r, ...a }) => a, /recipient/],
    ['no serviceUrl', ({ serviceUrl: _s, ...a }) => a, /serviceUrl/],
    ['text a number', (a) => ({ ...a, text: 42 }), /text/],
    ['conversation a string', (a) => ({ ...a, conversation: 'c1' }), /conversation/],
    ['a mention without `mentioned`', (a) => ({ ...a, ...mention }), /mentioned/],
    [
      'serviceUrl the metadata endpoint',
      (a) => ({ ...a, serviceUrl: 'http://169.254.169.254/' }),
      /local mode/,
    ],
    [
      'serviceUrl a public host',
      (a) => ({ ...a, serviceUrl: 'https://smba.trafficmanager.net/teams/' }),
      /local mode/,
    ],
    ['an unknown invoke', (a) => ({ ...a, type: 'invoke', name: 'composeExtension/query' }), /not supported/],
    ['a card action without value', (a) => ({ ...a, type: 'invoke', name: 'adaptiveCard/action' }), /action/],
    [
      'a card action without verb',
      (a) => ({ ...a, type: 'invoke', name: 'adaptiveCard/action', value: { action: { data: {} } } }),
      /verb/,
    ],
  ])('%s → 400, one warn line, nothing stored, no reply', async (_name, mutate, reason) => {
    const before = refusals();
    const a = activity();
    const res = await postRaw(url, JSON.stringify(mutate(a)), JSON_TYPE);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error).toMatch(reason);
    await bot.waitForLine(() => refusals() === before + 1);
    const tenant = (a.conversation as { tenantId: string }).tenantId;
    const db = new Database(bot.dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM workspaces WHERE id = ?').get(`teams:${tenant}`)).toEqual({
        n: 0,
      });
      expect(
        db
          .prepare('SELECT count(*) AS n FROM conversations WHERE key = ?')
          .get((a.conversation as { id: string }).id),
      ).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    expect(connector.calls.filter((c) => c.conversationId === (a.conversation as { id: string }).id)).toEqual(
      [],
    );
  });

  it('a 100,000-character argument is echoed cut short, and the reply fits a Teams message', async () => {
    const long = 'x'.repeat(100_000);
    const a = activity({ text: `status ${long}` });
    const res = await postRaw(url, JSON.stringify(a), JSON_TYPE);
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((c) => c.conversationId === (a.conversation as { id: string }).id);
    expect(reply.raw.length).toBeLessThan(TEAMS_MAX_ACTIVITY_BYTES);
    expect(cardText(reply)).toMatch(/No connection named "x{10,64}…"/);
  });

  it('a serviceUrl that accepts the connection and never answers: answered within the deadline, the peer logged', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const res = await postRaw(
        url,
        JSON.stringify(activity({ serviceUrl: `http://127.0.0.1:${port}` })),
        JSON_TYPE,
      );
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(CONNECTOR_DEADLINE_MS + 3_000);
      const line = await bot.waitForLine(
        (l) => l.includes(`127.0.0.1:${port}`) && l.includes('did not answer'),
      );
      expect(JSON.parse(line)).toMatchObject({ failure: 'timeout', peer: `http://127.0.0.1:${port}` });
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('is still up and healthy after all of it', async () => {
    expect(bot.alive()).toBe(true);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(bot.peakRssMb()).toBeLessThan(300);
  });
});

describe('Teams with MicrosoftAppId: the body limit comes before the token check', () => {
  let bot: ChildBot;
  beforeAll(async () => {
    bot = await startChildBot({
      MicrosoftAppId: '2f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      MicrosoftAppPassword: 'not-used-offline',
    });
  }, 60_000);
  afterAll(() => bot.stop());

  it('the gzip bomb and the gzip bypass get 413 with no token; the process stays up', async () => {
    for (const mb of [600, 100]) {
      const res = await postRaw(`${bot.url}/api/messages`, gzipBomb(mb), GZIP);
      expect(res.status).toBe(413);
    }
    expect(bot.alive()).toBe(true);
    expect(bot.peakRssMb()).toBeLessThan(300);
  });

  it('a well-formed request without a token gets 401', async () => {
    const res = await postRaw(`${bot.url}/api/messages`, JSON.stringify({ type: 'message' }), JSON_TYPE);
    expect(res.status).toBe(401);
  });
});
