import { randomUUID } from 'node:crypto';
import restify from 'restify';
import { teamsWorkspaceId } from '../../src/channels/teams/activity';
import { type Emulator, SAMPLE, sampleWorld } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { PLAYGROUND_TENANTS, registerPlayground } from '../../src/playground';
import type { TranscriptEntry } from '../../src/playground/transcript';
import { type Harness, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { cardText } from '../support/fake-connector';
import { openEvents, type SseStream } from './sse-client';

let emu: Emulator;
let h: Harness;
const streams: SseStream[] = [];

beforeAll(async () => {
  emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
  h = await startApp(emu);
});
afterAll(async () => {
  for (const s of streams) s.close();
  await h.app.close();
  await emu.close();
});

function chat(tenantId: string = SAMPLE.tenants.contoso.id) {
  return { conversationId: `a:playground-${randomUUID()}`, userId: randomUUID(), tenantId };
}

async function events(conversationId: string): Promise<SseStream> {
  const s = await openEvents(
    `${h.app.url}/playground/events?conversationId=${encodeURIComponent(conversationId)}`,
  );
  streams.push(s);
  return s;
}

async function send(body: Record<string, unknown>) {
  const res = await fetch(`${h.app.url}/playground/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const entryOf = (e: { data: unknown }) => e.data as TranscriptEntry;
const textOf = (e: TranscriptEntry) => cardText({ body: e as unknown as Record<string, unknown> });
const connectorUrl = (conversationId: string, id = '') =>
  `${h.app.url}/playground/connector/v3/conversations/${encodeURIComponent(conversationId)}/activities${id ? `/${id}` : ''}`;

describe('playground: the page (local mode only)', () => {
  it('GET / serves the page with the banner and the sample tenant; assets under /playground/static/', async () => {
    const page = await fetch(`${h.app.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('Local playground — not Teams');
    expect(html).toContain(`content="${PLAYGROUND_TENANTS[0].id}"`);
    expect(html).toContain('Type a command, e.g. /osto connect azure');
    for (const [file, type] of [
      ['adaptivecards.min.js', /javascript/],
      ['adaptivecards.css', /css/],
      ['playground.js', /javascript/],
      ['card-host.js', /javascript/],
      ['playground.css', /css/],
      ['adaptive-cards-teams.css', /css/],
    ] as const) {
      const res = await fetch(`${h.app.url}/playground/static/${file}`);
      expect([file, res.status]).toEqual([file, 200]);
      expect(res.headers.get('content-type')).toMatch(type);
      expect((await res.text()).length).toBeGreaterThan(100);
    }
    expect((await fetch(`${h.app.url}/playground/static/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${h.app.url}/playground/static/index.ts`)).status).toBe(404);
  });

  it('is not served when MicrosoftAppId is set: GET / and every playground route are 404', async () => {
    const teams = await startApp(emu, {
      env: { MicrosoftAppId: '2f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', MicrosoftAppPassword: 'offline' },
    });
    try {
      expect((await fetch(`${teams.app.url}/`)).status).toBe(404);
      expect((await fetch(`${teams.app.url}/playground/static/playground.js`)).status).toBe(404);
      expect((await fetch(`${teams.app.url}/playground/events?conversationId=a:x`)).status).toBe(404);
      const sent = await fetch(`${teams.app.url}/playground/api/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...chat(), text: 'help' }),
      });
      expect(sent.status).toBe(404);
      const put = await fetch(`${teams.app.url}/playground/connector/v3/conversations/a:x/activities/1`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(put.status).toBe(404);
      expect((await fetch(`${teams.app.url}/healthz`)).status).toBe(200);
    } finally {
      await teams.app.close();
    }
  });
});

describe('playground: send → bot → connector → event stream', () => {
  it('a typed message reaches the bot as a Teams activity and the reply arrives on the stream', async () => {
    const me = chat();
    const stream = await events(me.conversationId);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.waitFor((e) => e.event === 'ready');

    const sent = await send({ ...me, text: 'help' });
    expect(sent).toMatchObject({ status: 200, body: { ok: true } });
    const echo = entryOf(await stream.waitFor((e) => e.event === 'activity' && entryOf(e).role === 'user'));
    expect(echo).toMatchObject({ role: 'user', text: 'help', version: 1 });
    const reply = entryOf(await stream.waitFor((e) => e.event === 'activity' && entryOf(e).role === 'bot'));
    expect(textOf(reply)).toContain('Osto commands');
    expect(reply.replyToId).toBe(sent.body.activityId);

    // The bot saw what Teams sends: a personal chat in the tenant, answered through our connector.
    const ref = await h.app.store.conversations.get(teamsWorkspaceId(me.tenantId), me.conversationId);
    expect(ref?.reference).toMatchObject({
      channelId: 'msteams',
      serviceUrl: `${h.app.url}/playground/connector`,
      conversation: { id: me.conversationId, tenantId: me.tenantId, conversationType: 'personal' },
      user: { aadObjectId: me.userId },
    });

    // A new stream of the same conversation gets the transcript first, then `ready`.
    const again = await events(me.conversationId);
    await again.waitFor((e) => e.event === 'ready');
    expect(again.events.map((e) => [e.event, (e.data as { id?: string }).id])).toEqual([
      ['activity', echo.id],
      ['activity', reply.id],
      ['ready', undefined],
    ]);
  });

  it('Action.Execute: the invoke answer replaces the card in place, in the response and on the stream', async () => {
    const me = chat();
    const stream = await events(me.conversationId);
    await send({ ...me, text: '/osto connect azure' });
    const form = entryOf(
      await stream.waitFor((e) => e.event === 'activity' && textOf(entryOf(e)).includes('Client Secret')),
    );
    const sent = await send({
      ...me,
      invoke: { verb: 'cancel', data: { action: 'cancel' }, cardId: form.id },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.invokeResponse).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard' },
    });
    expect(sent.body.entry).toMatchObject({ id: form.id, version: 2 });
    const update = entryOf(await stream.waitFor((e) => e.event === 'update'));
    expect(update).toMatchObject({ id: form.id, version: 2 });
    expect(textOf(update)).toContain('Cancelled');
  });

  it('Action.Submit: value and replyToId reach the bot, which updates the card (PUT) in place', async () => {
    const me = chat(`tenant-${randomUUID()}`);
    const stream = await events(me.conversationId);
    await send({ ...me, text: '/osto connect azure' });
    const form = entryOf(await stream.waitFor((e) => e.event === 'activity' && entryOf(e).role === 'bot'));
    const value = { action: 'connect', name: 'Bad', subscriptionId: 'nope', clientId: 'x', tenantId: 'y' };
    expect((await send({ ...me, value, replyToId: form.id })).status).toBe(200);
    const update = entryOf(await stream.waitFor((e) => e.event === 'update' && entryOf(e).id === form.id));
    expect(textOf(update)).toMatch(/Subscription ID must be a GUID/);
    // A card submission is not echoed as a user message.
    expect(stream.events.filter((e) => e.event === 'activity' && entryOf(e).role === 'user')).toHaveLength(1);
  });

  it('rejects a malformed send with 400 and a reason', async () => {
    expect(await send({ conversationId: 'a:x', userId: 'u', text: 'hi' })).toMatchObject({
      status: 400,
      body: { ok: false, error: expect.stringMatching(/tenantId/) },
    });
    expect((await send({ ...chat(), text: '   ' })).status).toBe(400);
    expect((await send({ ...chat(), conversationId: 'a/../b', text: 'hi' })).status).toBe(400);
  });
});

describe('playground: the connector routes', () => {
  it('POST adds, PUT replaces in place (update event), DELETE removes (delete event); unknown ids are 404', async () => {
    const me = chat();
    const stream = await events(me.conversationId);
    await stream.waitFor((e) => e.event === 'ready');
    const posted = await fetch(connectorUrl(me.conversationId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'proactive hello' }),
    });
    const { id } = (await posted.json()) as { id: string };
    expect(id).toMatch(/^pg-/);
    await stream.waitFor((e) => e.event === 'activity' && entryOf(e).id === id);

    const put = await fetch(connectorUrl(me.conversationId, id), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id, text: 'edited' }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ id });
    const update = entryOf(await stream.waitFor((e) => e.event === 'update'));
    expect(update).toMatchObject({ id, text: 'edited', version: 2, role: 'bot' });

    const missing = await fetch(connectorUrl(me.conversationId, 'pg-nope'), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"message","text":"x"}',
    });
    expect(missing.status).toBe(404);

    expect((await fetch(connectorUrl(me.conversationId, id), { method: 'DELETE' })).status).toBe(200);
    expect((await stream.waitFor((e) => e.event === 'delete')).data).toEqual({ id });
    expect((await fetch(connectorUrl(me.conversationId, id), { method: 'DELETE' })).status).toBe(404);
  });

  it('keeps a bounded transcript: the last 200 activities of a conversation', async () => {
    const me = chat();
    for (let i = 0; i < 205; i++) {
      const res = await fetch(connectorUrl(me.conversationId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: `message ${i}` }),
      });
      expect(res.status).toBe(200);
    }
    const stream = await events(me.conversationId);
    await stream.waitFor((e) => e.event === 'ready');
    const shown = stream.events.filter((e) => e.event === 'activity').map((e) => entryOf(e).text);
    expect(shown).toHaveLength(200);
    expect(shown[0]).toBe('message 5');
    expect(shown[199]).toBe('message 204');
  });

  it('typing indicators are acknowledged, not shown', async () => {
    const me = chat();
    const res = await fetch(connectorUrl(me.conversationId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'typing' }),
    });
    expect(res.status).toBe(200);
    const stream = await events(me.conversationId);
    await stream.waitFor((e) => e.event === 'ready');
    expect(stream.events.map((e) => e.event)).toEqual(['ready']);
  });
});

describe('playground: event streams end with the server', () => {
  it('a browser that goes away is forgotten: its listener and stream are cleaned up', async () => {
    const server = restify.createServer();
    const playground = registerPlayground(server, { log: createLogger('silent') });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${server.address().port}/playground/events?conversationId=a:gone`;
      const stream = await openEvents(url);
      await stream.waitFor((e) => e.event === 'ready');
      expect(playground.streams).toBe(1);
      expect(playground.transcripts.listenerCount('a:gone')).toBe(1);
      stream.close();
      for (let i = 0; i < 50 && playground.streams > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(playground.streams).toBe(0);
      expect(playground.transcripts.listenerCount()).toBe(0);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('closing the app ends open streams at once (no wait for the 2 s grace)', async () => {
    const other = await startApp(emu);
    const stream = await openEvents(`${other.app.url}/playground/events?conversationId=a:closing`);
    await stream.waitFor((e) => e.event === 'ready');
    const t0 = Date.now();
    await other.app.close();
    await stream.ended;
    expect(Date.now() - t0).toBeLessThan(1_000);
  });
});
