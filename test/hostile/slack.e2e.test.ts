/**
 * Hostile requests to /slack/events of a running bot process: signed bodies Bolt 5.1 would
 * crash on, gzip bombs, oversized and odd bodies. Each gets a 4xx with one log line; the
 * process stays up.
 */
import { randomUUID } from 'node:crypto';
import { sign, slackEnv, slashCommand } from '../slack/slack-requests';
import { type ChildBot, startChildBot } from '../support/child-bot';
import { FakeSlack } from '../support/fake-slack';
import { gzipBomb, postRaw } from '../support/hostile-bodies';

const FORM = 'application/x-www-form-urlencoded';

describe('Slack: hostile requests to a running bot', () => {
  let bot: ChildBot;
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await new FakeSlack().start();
    bot = await startChildBot(slackEnv(fake.apiUrl));
  }, 60_000);
  afterAll(async () => {
    await bot.stop();
    await fake.close();
  });

  const signed = (body: string | Buffer, type: string, extra: Record<string, string> = {}) => {
    const ts = Math.floor(Date.now() / 1000);
    return postRaw(`${bot.url}/slack/events`, body, {
      'content-type': type,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sign(body.toString(), ts),
      ...extra,
    });
  };
  const refusals = () => bot.lines.filter((l) => l.includes('"msg":"request refused"')).length;

  it.each<[string, string, string, RegExp]>([
    ['payload=null', 'payload=null', FORM, /payload must be a JSON object/],
    ['a JSON body null', 'null', 'application/json', /must be a JSON object/],
    ['payload an array', `payload=${encodeURIComponent('[1,2]')}`, FORM, /JSON object/],
    ['payload not JSON', 'payload=%7Bnope', FORM, /not valid JSON/],
    ['payload twice', 'payload=%7B%7D&payload=%7B%7D', FORM, /one JSON object/],
    ['a text/plain body', 'hello', 'text/plain', /form .* or JSON/],
    [
      'payload nested 10,000 levels',
      `payload=${'%5B'.repeat(10_000)}${'%5D'.repeat(10_000)}`,
      FORM,
      /nested/,
    ],
  ])(
    'signed %s → 400 with a reason and one warn line; the process stays up',
    async (_n, body, type, reason) => {
      const before = refusals();
      const res = await signed(body, type);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).error).toMatch(reason);
      await bot.waitForLine(() => refusals() === before + 1);
      expect(bot.alive()).toBe(true);
    },
  );

  it('a gzip bomb gets 413 before the signature is looked at', async () => {
    const res = await postRaw(`${bot.url}/slack/events`, gzipBomb(600), {
      'content-type': FORM,
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(413);
    expect(bot.peakRssMb()).toBeLessThan(300);
  });

  it('a signed 1 MB body gets 413', async () => {
    const res = await signed(`text=${'a'.repeat(1024 * 1024)}`, FORM);
    expect(res.status).toBe(413);
  });

  it('still verifies signatures and answers real commands', async () => {
    const who = {
      teamId: `T${randomUUID().slice(0, 8)}`,
      userId: 'U1',
      channelId: 'C1',
      responseUrl: fake.responseUrl(),
    };
    expect((await slashCommand(bot.url, who, 'help', { secret: 'wrong' })).status).toBe(401);
    const ok = await slashCommand(bot.url, who, 'help');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('connect azure');
  });

  it('is still up and healthy after all of it', async () => {
    expect(bot.alive()).toBe(true);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(bot.lines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  });
});
