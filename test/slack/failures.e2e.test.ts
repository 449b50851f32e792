import { slackWorkspaceId } from '../../src/channels/slack/payload';
import { SAMPLE } from '../../src/emulator';
import { AZURE_FAILURE_CASES } from '../support/failure-cases';
import { slackText } from '../support/fake-slack';
import { leaks, modalInput, openModal, submit, useSlackWorld, who } from './slack-e2e';
import { blockActionBody, openedView, postSigned } from './slack-requests';

const C = SAMPLE.credentials;

const w = useSlackWorld();

describe('Slack: each Azure failure shows its stage and remedy, stores nothing, and offers "Try again"', () => {
  // The same list as the Teams end-to-end test.

  it.each(AZURE_FAILURE_CASES)(
    '$code',
    async ({ code, cred, stage, remedy, fault }) => {
      const person = who(w.fake);
      fault?.(w.emu);
      const { view } = await openModal(w, person);
      const { final, from, ack } = await submit(w, person, view, modalInput(cred, `Try ${code}`));
      const text = slackText(final);
      expect(text).toMatch(/Could not connect/);
      expect(text).toMatch(new RegExp(`Failed at:\\* ${stage.source}`));
      expect(text).toMatch(new RegExp(`What to do:\\* .*${remedy.source}`));
      expect(text).toMatch(/Try again/);
      expect(final.body.channel).toBe(person.channelId);
      expect(await w.h.app.store.connections.list(slackWorkspaceId(person.teamId))).toEqual([]);
      await w.h.app.jobs.idle(10_000);
      expect(leaks(cred.clientSecret, w.fake.since(from), [ack.text])).toEqual([]);
      expect(w.h.dbBytes().includes(Buffer.from(cred.clientSecret))).toBe(false);
    },
    30_000,
  );

  it('no log line holds any secret submitted above', async () => {
    await w.h.app.jobs.idle(10_000);
    expect(w.h.logs.length).toBeGreaterThan(100);
    for (const secret of new Set(AZURE_FAILURE_CASES.map(({ cred }) => cred.clientSecret)))
      expect(w.h.logs.filter((l) => l.includes(secret) || l.includes(encodeURIComponent(secret)))).toEqual(
        [],
      );
  });

  it('"Try again" reopens the modal pre-filled with every value but the secret', async () => {
    const person = who(w.fake);
    const { view } = await openModal(w, person);
    const input = modalInput(C.wrongSecret, 'Retry me', { secretExpiresOn: '2027-03-31' });
    const { final } = await submit(w, person, view, input);
    const actions = (
      final.body.blocks as { type: string; elements?: { action_id: string; value?: string }[] }[]
    )
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);
    const retry = actions.find((a) => a.action_id.startsWith('osto_run:connect'));
    expect(retry?.value).toBeDefined();
    expect(retry?.value).not.toContain(C.wrongSecret.clientSecret);

    // The button in the channel message opens a new modal with the action's trigger_id.
    const from = w.fake.calls.length;
    const ack = await postSigned(
      w.h.app.url,
      blockActionBody(
        person,
        { action_id: retry?.action_id as string, value: retry?.value as string },
        { messageTs: final.body.ts as string },
      ),
    );
    expect(ack.status).toBe(200);
    const opened = await w.fake.waitFor((c) => w.fake.calls.indexOf(c) >= from && c.method === 'views.open');
    expect(opened.body.trigger_id).toMatch(/^trigger-/);
    const reopened = openedView(opened);
    const initial = Object.fromEntries(
      reopened.blocks
        .filter((b) => b.type === 'input')
        .map((b) => {
          const el = b.element as { initial_value?: string; initial_date?: string };
          return [b.block_id, el.initial_value ?? el.initial_date];
        }),
    );
    expect(initial).toEqual({
      name: 'Retry me',
      description: 'e2e',
      subscriptionId: C.wrongSecret.subscriptionId,
      clientId: C.wrongSecret.clientId,
      clientSecret: undefined,
      tenantId: C.wrongSecret.tenantId,
      secretExpiresOn: '2027-03-31',
    });
    expect(slackText(opened)).toMatch(/Enter the client secret again/);
    expect(JSON.parse(reopened.private_metadata)).toEqual({
      channelId: person.channelId,
      responseUrl: person.responseUrl,
    });

    // Submitting the reopened modal with the right secret connects.
    const { final: second } = await submit(w, person, reopened, {
      ...input,
      clientSecret: C.good.clientSecret,
    });
    expect(slackText(second)).toMatch(/Retry me is Active/);
  });

  it('"Try again" inside the modal turns that modal back into the form', async () => {
    const person = who(w.fake);
    const { view } = await openModal(w, person);
    await submit(w, person, view, modalInput(C.unknownApp, 'In the modal'));
    const failed = await w.fake.waitFor(
      (c) =>
        c.method === 'views.update' && c.body.view_id === view.id && /Could not connect/.test(slackText(c)),
    );
    const from = w.fake.calls.length;
    const retry = (
      failed.body.view as { blocks: { elements?: { action_id: string; value?: string }[] }[] }
    ).blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id?.startsWith('osto_run:connect'));
    await postSigned(
      w.h.app.url,
      blockActionBody(
        person,
        { action_id: retry?.action_id as string, value: retry?.value as string },
        { view: openedView(failed) },
      ),
    );
    const form = await w.fake.waitFor((c) => w.fake.calls.indexOf(c) >= from && c.method === 'views.update');
    expect(form.body.view_id).toBe(view.id);
    expect((form.body.view as { callback_id: string }).callback_id).toBe('osto_connect');
    expect(slackText(form)).toContain('In the modal');
  });
});
