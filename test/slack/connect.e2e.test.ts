import { slackWorkspaceId } from '../../src/channels/slack/payload';
import { SAMPLE } from '../../src/emulator';
import { type SlackCall, slackText } from '../support/fake-slack';
import { FINAL, leaks, modalInput, openModal, submit, useSlackWorld, who } from './slack-e2e';
import { postSigned, type SlackWho, slashCommand, viewSubmissionBody } from './slack-requests';

const C = SAMPLE.credentials;

const w = useSlackWorld();

/** A command's answer: the ephemeral message in its ack (what the person sees), as a call of the fake. */
async function ask(person: SlackWho, text: string): Promise<Pick<SlackCall, 'body'>> {
  const ack = await slashCommand(w.h.app.url, person, text);
  expect(ack.status).toBe(200);
  return { body: ack.json ?? {} };
}

describe('Slack: /osto connect azure end to end (real server, Bolt, SQLite, Azure SDKs → emulator)', () => {
  let ada: SlackWho;
  beforeAll(() => {
    ada = who(w.fake);
  });

  it('command → modal → submit → progress view ack → message posted then updated → Active with 137 assets', async () => {
    const { view, ack: commandAck } = await openModal(w, ada);
    // The command is acked empty, at once; the modal comes with views.open.
    expect(commandAck.text).toBe('');
    const labels = view.blocks
      .filter((b) => b.type === 'input')
      .map((b) => (b as unknown as { label: { text: string } }).label.text);
    expect(labels).toEqual([
      'Name',
      'Description',
      'Subscription ID',
      'Client ID',
      'Client Secret',
      'Tenant ID',
      'Secret expires on',
    ]);
    expect(view.blocks.find((b) => b.block_id === 'secretExpiresOn')?.element?.type).toBe('datepicker');
    expect(slackText({ body: { view } })).toMatch(/Slack cannot mask/);
    expect(slackText({ body: { view } })).toMatch(/never enters the channel history/);
    expect(JSON.parse(view.private_metadata)).toEqual({
      channelId: ada.channelId,
      responseUrl: ada.responseUrl,
    });

    const { ack, final, calls, from } = await submit(w, ada, view, modalInput(C.good, 'Production'));
    expect(ack.json?.response_action).toBe('update');
    expect(slackText({ body: ack.json ?? {} })).toMatch(/Connecting Production/);

    // One message in the channel where the command was typed, then updated in place.
    const posts = calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(1);
    const post = posts[0] as SlackCall;
    expect(post.body.channel).toBe(ada.channelId);
    expect(slackText(post)).toMatch(/Connecting Production/);
    const ts = (post.response as { ts: string }).ts;
    const updates = calls.filter((c) => c.method === 'chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(4);
    expect(updates.every((u) => u.body.ts === ts && u.body.channel === ada.channelId)).toBe(true);
    expect(calls.indexOf(posts[0] as (typeof posts)[0])).toBeLessThan(
      calls.indexOf(updates[0] as (typeof updates)[0]),
    );
    const text = slackText(final);
    expect(text).toMatch(/Production is Active/);
    expect(text).toContain('137');
    expect(text).toContain('Contoso Production');
    expect(final.token).toBe('xoxb-test');
    // The modal follows along and ends on the result too.
    const modal = await w.fake.waitFor((c) => c.method === 'views.update' && /is Active/.test(slackText(c)));
    expect(modal.body.view_id).toBe(view.id);

    const stored = await w.h.app.store.connections.list(slackWorkspaceId(ada.teamId));
    expect(stored.map((c) => [c.name, c.status, c.inventory?.total, c.createdBy, c.conversationKey])).toEqual(
      [['Production', 'active', 137, ada.userId, ada.channelId]],
    );
    const target = await w.h.app.store.conversations.get(slackWorkspaceId(ada.teamId), ada.channelId);
    expect(target).toMatchObject({
      channel: 'slack',
      reference: { channelId: ada.channelId, teamId: ada.teamId },
    });

    // Nothing after the submission holds the secret: no message, no modal update, no log line, no db byte.
    await w.h.app.jobs.idle(5_000);
    expect(leaks(C.good.clientSecret, w.fake.since(from), [ack.text])).toEqual([]);
    expect(w.h.logs.filter((l) => l.includes(C.good.clientSecret))).toEqual([]);
    expect(w.h.dbBytes().includes(Buffer.from(C.good.clientSecret))).toBe(false);
  });

  it('debug logs name the Slack calls but never carry their payloads', async () => {
    const eve = who(w.fake);
    await submit(w, eve, (await openModal(w, eve)).view, modalInput(C.good, 'Debug logs'));
    const bolt = w.h.logs.filter((l) => l.includes('"source":"bolt"'));
    expect(bolt.some((l) => l.includes("apiCall('chat.update')"))).toBe(true);
    expect(bolt.filter((l) => /http request (body|result|headers)|\(body: /.test(l))).toEqual([]);
    expect(w.h.logs.filter((l) => l.includes('Debug logs is Active'))).toEqual([]);
  });

  it('/osto status lists the connection; from another team it lists nothing of the first', async () => {
    const mine = slackText(await ask(ada, 'status'));
    expect(mine).toContain('Production');
    expect(mine).toContain('137');
    expect(mine).toMatch(/Active/);

    const stranger = who(w.fake);
    const theirs = await ask(stranger, 'status');
    expect(slackText(theirs)).not.toContain('Production');
    expect(slackText(theirs)).toMatch(/No Azure subscription is connected yet/);
    expect(theirs.body.response_type).toBe('ephemeral');
  });

  it('status <name> finds one connection, case-insensitively, and says when there is none', async () => {
    expect(slackText(await ask(ada, 'status production'))).toContain('137');
    expect(slackText(await ask(ada, 'status Staging'))).toMatch(/No connection named "Staging"/);
  });

  it('invalid GUIDs and a GUID secret: errors on the right blocks, nothing stored, zero requests to Azure', async () => {
    const bob = who(w.fake);
    const { view } = await openModal(w, bob);
    const before = w.emu.requests.length;
    const from = w.fake.calls.length;
    const ack = await postSigned(
      w.h.app.url,
      viewSubmissionBody(
        bob,
        view,
        modalInput(C.good, 'Bad', {
          subscriptionId: 'nope',
          clientId: '1234',
          tenantId: 'not a tenant',
          clientSecret: 'd92c9227-eadf-4085-bfcb-75468eb22579',
        }),
      ),
    );
    expect(ack.status).toBe(200);
    expect(ack.json?.response_action).toBe('errors');
    const errors = ack.json?.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(['clientId', 'clientSecret', 'subscriptionId', 'tenantId']);
    expect(errors.subscriptionId).toMatch(/Subscription ID must be a GUID/);
    expect(errors.clientId).toMatch(/Client ID must be a GUID/);
    expect(errors.tenantId).toMatch(/Tenant ID must be a GUID/);
    expect(errors.clientSecret).toMatch(/secret's ID/);
    expect(ack.text).not.toContain('d92c9227-eadf-4085-bfcb-75468eb22579');
    await new Promise((r) => setTimeout(r, 300));
    expect(w.emu.requests.length).toBe(before);
    expect(w.fake.since(from)).toEqual([]);
    expect(await w.h.app.store.connections.list(slackWorkspaceId(bob.teamId))).toEqual([]);
  });

  it('a taken name (any case) is an error on the Name block', async () => {
    const dan = who(w.fake, ada.teamId);
    const { view } = await openModal(w, dan);
    const before = w.emu.requests.length;
    const ack = await postSigned(
      w.h.app.url,
      viewSubmissionBody(dan, view, modalInput(C.owner, 'PRODUCTION')),
    );
    expect(ack.json).toEqual({
      response_action: 'errors',
      errors: { name: expect.stringMatching(/already exists/) },
    });
    expect(w.emu.requests.length).toBe(before);
  });

  it('help, unknown text with "did you mean", a confirmation before disconnecting, and other providers', async () => {
    const help = await slashCommand(w.h.app.url, ada, 'help');
    expect(help.json?.response_type).toBe('ephemeral');
    expect(slackText({ body: help.json ?? {} })).toMatch(/\/osto connect azure/);
    const typo = await slashCommand(w.h.app.url, ada, 'stauts');
    expect(slackText({ body: typo.json ?? {} })).toMatch(/I didn't understand “stauts”/);
    expect(slackText({ body: typo.json ?? {} })).toMatch(/Did you mean `\/osto status`\?/);
    const confirm = await slashCommand(w.h.app.url, ada, 'disconnect Production');
    expect(slackText({ body: confirm.json ?? {} })).toMatch(/Disconnect Production\?/);
    const gcp = await slashCommand(w.h.app.url, ada, 'connect gcp');
    expect(slackText({ body: gcp.json ?? {} })).toMatch(/Osto connects Azure for now/);
  });

  it('workspace ids are Slack-prefixed: a team sees only its own connections, never by the bare team id', async () => {
    const team = who(w.fake);
    const { view } = await openModal(w, team);
    await submit(w, team, view, modalInput(C.good, 'Prefixed'));
    const store = w.h.app.store;
    expect(slackWorkspaceId(team.teamId)).toBe(`slack:${team.teamId}`);
    expect((await store.connections.list(`slack:${team.teamId}`)).map((c) => c.name)).toEqual(['Prefixed']);
    expect(await store.connections.list(team.teamId)).toEqual([]);
    expect(await store.conversations.get(team.teamId, team.channelId)).toBeUndefined();
    expect((await store.audit.list(`slack:${team.teamId}`)).map((a) => a.action)).toContain('connect');

    // Someone in another team asks for the status: not a word of the first team's connection.
    const other = who(w.fake);
    const theirs = slackText(await ask(other, 'status'));
    expect(theirs).not.toContain('Prefixed');
    expect(theirs).toMatch(/No Azure subscription is connected yet/);
    expect(slackText(await ask(other, 'status Prefixed'))).toMatch(/No connection named "Prefixed"/);
    // The team itself still finds it.
    expect(slackText(await ask(team, 'status Prefixed'))).toContain('137');
  });

  it('an Enterprise Grid team belongs to the enterprise workspace', async () => {
    const grid = { ...who(w.fake), enterpriseId: `E${Date.now()}` };
    const { view } = await openModal(w, grid);
    await submit(w, grid, view, modalInput(C.good, 'Grid'));
    const store = w.h.app.store;
    expect((await store.connections.list(slackWorkspaceId(grid.enterpriseId))).map((c) => c.name)).toEqual([
      'Grid',
    ]);
    expect(await store.connections.list(slackWorkspaceId(grid.teamId))).toEqual([]);
    expect(await store.connections.list(grid.enterpriseId)).toEqual([]);
  });
});

describe('Slack: acks stay well within 3 s while a verification is slow', () => {
  it('slash commands and the view_submission answer fast while sign-in takes 10 s', async () => {
    w.emu.faults.add({ path: '/oauth2/v2.0/token', delayMs: 10_000 });
    const carol = who(w.fake);
    const { view, ack: connectAck } = await openModal(w, carol);
    const from = w.fake.calls.length;
    const submitAck = await postSigned(
      w.h.app.url,
      viewSubmissionBody(carol, view, modalInput(C.good, 'Slow')),
    );
    expect(submitAck.status).toBe(200);
    expect(submitAck.json?.response_action).toBe('update');
    // While the verification waits on Azure, more commands come in.
    const during = [
      await slashCommand(w.h.app.url, carol, 'status'),
      await slashCommand(w.h.app.url, carol, 'help'),
      (await openModal(w, carol)).ack,
    ];
    const answeredAt = Date.now();
    const times = [connectAck, submitAck, ...during].map((r) => Math.round(r.ms));
    process.stdout.write(`slack ack times while Azure is slow (ms): ${times.join(', ')}\n`);
    for (const r of [connectAck, submitAck, ...during]) {
      expect(r.status).toBe(200);
      expect(r.ms).toBeLessThan(3000);
    }
    // The verification was still running when they were answered, and ends on its own.
    const final = await w.fake.waitFor(
      (c) => w.fake.calls.indexOf(c) >= from && c.method === 'chat.update' && FINAL.test(slackText(c)),
      30_000,
    );
    expect(final.at).toBeGreaterThan(answeredAt);
    expect(slackText(final)).toMatch(/Could not connect Slow/);
  }, 40_000);
});
