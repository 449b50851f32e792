/**
 * sync, assets and findings in both channels against the real app (restify, botbuilder, Bolt,
 * SQLite, Azure SDKs → emulator): connect first, then each verb as a person types it, and the
 * findings' "More" button as a person clicks it.
 */
import { randomUUID } from 'node:crypto';
import { type Emulator, SAMPLE, sampleWorld } from '../../src/emulator';
import { modalInput, openModal, type SlackWorld, who as slackWho, submit } from '../slack/slack-e2e';
import { blockActionBody, postSigned, slackEnv, slashCommand } from '../slack/slack-requests';
import { type Harness, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { type ConnectorCall, cardOf, cardText, FakeConnector } from '../support/fake-connector';
import { FakeSlack, type SlackCall, slackText } from '../support/fake-slack';
import { postActivity, teamsActivity, type Who } from '../support/teams-activity';
import { formValue, openForm, submitForm } from '../support/teams-flow';

const C = SAMPLE.credentials.good;
const P = SAMPLE.planted;

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
});
afterAll(() => emu.close());

/** Every `{ action: 'run', … }` data of a card's actions, by title. */
function cardActions(card: Record<string, unknown> | undefined): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const data = o.data as Record<string, unknown> | undefined;
      if (typeof o.title === 'string' && data?.action === 'run') out.set(o.title, data);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('Teams: sync, assets, findings after connecting', () => {
  let connector: FakeConnector;
  let h: Harness;
  let w: Who;
  beforeAll(async () => {
    connector = await new FakeConnector().start();
    h = await startApp(emu);
    w = {
      tenantId: SAMPLE.tenants.contoso.id,
      conversationId: `a:conv-${randomUUID()}`,
      userId: randomUUID(),
      serviceUrl: connector.url,
    };
    const formId = await openForm(h.app.url, connector, w);
    const { final } = await submitForm(h.app.url, connector, w, formId, formValue(C, 'Production'));
    expect(cardText(final)).toMatch(/Production is Active/);
  });
  afterAll(async () => {
    await h.app.close();
    await connector.close();
  });

  async function say(text: string, extra: Record<string, unknown> = {}): Promise<ConnectorCall> {
    const n = connector.calls.length;
    const res = await postActivity(h.app.url, teamsActivity(w, { text, ...extra }));
    expect(res.status).toBe(200);
    return connector.waitFor(
      (c) => connector.calls.indexOf(c) >= n && c.method === 'POST' && c.conversationId === w.conversationId,
    );
  }

  it('the connect result showed the severity breakdown', () => {
    const result = connector.calls.filter((c) => /Production is Active/.test(cardText(c))).at(-1);
    const text = cardText(result as ConnectorCall);
    for (const s of ['Critical', 'High', 'Medium', 'Low', 'Info']) expect(text).toContain(s);
    expect(text).toMatch(/Findings: \d+/);
  });

  it('sync: the answer says it is syncing, then the same message becomes the summary', async () => {
    const first = await say('/osto sync Production');
    expect(cardText(first)).toContain('Syncing Production…');
    const summary = await connector.waitFor(
      (c) => c.method === 'PUT' && c.activityId === first.resultId && /Production synced/.test(cardText(c)),
    );
    const text = cardText(summary);
    expect(text).toContain('New findings');
    expect(text).toContain('Resolved');
    expect(text).toContain('137');
  });

  it('findings: worst first with remediation, and More shows the next page, never the same finding twice', async () => {
    const page1 = await say('/osto findings Production');
    const text1 = cardText(page1);
    expect(text1).toContain('Findings of Production');
    expect(text1).toContain(P.sqlOpenToWorld.name);
    expect(text1).toMatch(/Fix: /);
    // The az command names the server and the firewall rule at fault, in a monospace run.
    const command = `az sql server firewall-rule delete --resource-group ${P.sqlOpenToWorld.resourceGroup} --server ${P.sqlOpenToWorld.name} --name AllowAll`;
    expect(JSON.stringify(cardOf(page1))).toContain(
      JSON.stringify({ type: 'TextRun', text: command, fontType: 'monospace', size: 'small' }),
    );
    const more = cardActions(cardOf(page1)).get('More');
    expect(more).toBeDefined();
    const page2 = await say('', { replyToId: page1.resultId, value: more });
    const text2 = cardText(page2);
    expect(text2).toMatch(/11–20 of \d+ open findings/);
    expect(text2).not.toContain(P.sqlOpenToWorld.name);
  });

  it('findings by severity, and assets with totals by type', async () => {
    const high = cardText(await say('/osto findings Production high'));
    expect(high).toContain('Findings of Production: high');
    expect(high).not.toContain('Critical ·');
    const assets = cardText(await say('/osto assets Production'));
    expect(assets).toContain('Assets of Production');
    expect(assets).toContain('137');
    expect(assets).toContain('Top resource types');
  });
});

describe('Slack: sync, assets, findings after connecting', () => {
  const world = {} as SlackWorld;
  let person: ReturnType<typeof slackWho>;
  beforeAll(async () => {
    const fake = await new FakeSlack().start();
    const h = await startApp(emu, { env: slackEnv(fake.apiUrl) });
    Object.assign(world, { emu, fake, h, close: async () => {} });
    person = slackWho(fake);
    const { view } = await openModal(world, person);
    const { final } = await submit(world, person, view, modalInput(C, 'Production'));
    expect(slackText(final)).toMatch(/Production is Active/);
  });
  afterAll(async () => {
    await world.h.app.close();
    await world.fake.close();
  });

  it('the connect result showed the severity breakdown', () => {
    const result = world.fake.calls.filter((c) => /Production is Active/.test(slackText(c))).at(-1);
    const text = slackText(result as SlackCall);
    for (const s of ['Critical', 'High', 'Medium', 'Low', 'Info']) expect(text).toContain(s);
  });

  it('sync: acked as syncing, then the same (ephemeral) message is replaced with the summary', async () => {
    const from = world.fake.calls.length;
    const responseUrl = world.fake.responseUrl();
    const ack = await slashCommand(world.h.app.url, { ...person, responseUrl }, 'sync Production');
    expect(ack.status).toBe(200);
    expect(slackText({ body: ack.json ?? {} })).toContain('Syncing Production…');
    const summary = await world.fake.waitFor(
      (c) =>
        world.fake.calls.indexOf(c) >= from &&
        c.method === 'response_url' &&
        /Production synced/.test(slackText(c)),
    );
    expect(responseUrl.endsWith(summary.path)).toBe(true);
    expect(summary.body).toMatchObject({ replace_original: true });
    expect(slackText(summary)).toContain('137');
  });

  it('findings: a page with More; clicking More answers with the next page', async () => {
    const ack = await slashCommand(world.h.app.url, person, 'findings Production');
    const text1 = slackText({ body: ack.json ?? {} });
    expect(text1).toContain('Findings of Production');
    expect(text1).toContain(P.sqlOpenToWorld.name);
    expect(text1).toContain(
      `\`az sql server firewall-rule delete --resource-group ${P.sqlOpenToWorld.resourceGroup} --server ${P.sqlOpenToWorld.name} --name AllowAll\``,
    );
    const blocks = (ack.json?.blocks ?? []) as { type: string; elements?: Record<string, unknown>[] }[];
    const more = blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .find((e) => (e.text as { text?: string } | undefined)?.text === 'More');
    expect(more).toBeDefined();
    const responseUrl = world.fake.responseUrl();
    const from = world.fake.calls.length;
    const click = await postSigned(
      world.h.app.url,
      blockActionBody(
        { ...person, responseUrl },
        { action_id: String(more?.action_id), value: String(more?.value) },
      ),
    );
    expect(click.status).toBe(200);
    const page2 = await world.fake.waitFor(
      (c) => world.fake.calls.indexOf(c) >= from && c.method === 'response_url',
    );
    expect(slackText(page2)).toMatch(/11–20 of \d+ open findings/);
    expect(slackText(page2)).not.toContain(P.sqlOpenToWorld.name);
  });

  it('assets: totals, top types, locations, resource groups', async () => {
    const ack = await slashCommand(world.h.app.url, person, 'assets');
    const text = slackText({ body: ack.json ?? {} });
    expect(text).toContain('Assets of Production');
    expect(text).toContain('Top resource types');
    expect(text).toContain('Resource groups');
  });
});
