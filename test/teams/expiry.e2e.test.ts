/**
 * Secret expiry in Teams, end to end (real app, emulator, fake Bot Connector), with
 * OSTO_EXPIRY_CHECK_INTERVAL=2s: a secret ending in 5 days gets one alert within seconds and no
 * other, also after a restart; Snooze holds reminders back until it ends (the app's clock is
 * moved a day), then one comes; Graph 403 with a typed date alerts by that date; rotate with a
 * wrong secret keeps the old one, with a good one the next sync uses it and the old ciphertext is
 * gone from the database files.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { type Emulator, SAMPLE, sampleWorld } from '../../src/emulator';
import { type Harness, OffsetClock, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { type ConnectorCall, cardOf, cardText, FakeConnector } from '../support/fake-connector';
import { postActivity, teamsActivity, type Who } from '../support/teams-activity';
import { formValue, openForm, submitForm } from '../support/teams-flow';

const C = SAMPLE.credentials;
const ENV = { OSTO_EXPIRY_CHECK_INTERVAL: '2s' };
const DAY = 86_400_000;

let emu: Emulator;
let connector: FakeConnector;
let h: Harness;
const clock = new OffsetClock();

beforeAll(async () => {
  emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
  connector = await new FakeConnector().start();
  h = await startApp(emu, { env: ENV, clock });
});
afterAll(async () => {
  await h.app.close();
  await connector.close();
  await emu.close();
});

const who = (): Who => ({
  tenantId: SAMPLE.tenants.contoso.id,
  conversationId: `a:conv-${randomUUID()}`,
  userId: randomUUID(),
  serviceUrl: connector.url,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alertsIn = (w: Who, title: RegExp) =>
  connector.calls.filter(
    (c) => c.method === 'POST' && c.conversationId === w.conversationId && title.test(cardText(c)),
  );

async function connect(
  w: Who,
  name: string,
  cred: (typeof C)[keyof typeof C],
  extra: Record<string, string> = {},
) {
  const formId = await openForm(h.app.url, connector, w);
  const { final } = await submitForm(h.app.url, connector, w, formId, formValue(cred, name, extra));
  return final;
}

/** Clicks a button of a card (Action.Submit with its data). */
async function click(w: Who, card: ConnectorCall, title: string): Promise<ConnectorCall> {
  let data: Record<string, unknown> | undefined;
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.title === title && o.data && typeof o.data === 'object') data = o.data as Record<string, unknown>;
      Object.values(o).forEach(walk);
    }
  };
  walk(cardOf(card));
  if (!data) throw new Error(`no button "${title}" on the card`);
  const n = connector.calls.length;
  await postActivity(h.app.url, teamsActivity(w, { replyToId: card.resultId, value: data }));
  return connector.waitFor((c) => connector.calls.indexOf(c) >= n && c.conversationId === w.conversationId);
}

const ALERT = /client secret of Staging expires in 5 days/;

describe('expiry alerts', () => {
  let team: Who;
  beforeAll(() => {
    team = who();
  });

  it('a secret ending in 5 days: one alert within seconds, none after, also after a restart', async () => {
    const final = await connect(team, 'Staging', C.expiringSoon);
    expect(cardText(final)).toMatch(/Staging is Active/);
    expect(cardText(final)).toMatch(/expires on .*in 5 days/);
    const alert = await connector.waitFor(
      (c) => c.method === 'POST' && c.conversationId === team.conversationId && ALERT.test(cardText(c)),
      10_000,
    );
    const text = cardText(alert);
    expect(text).toContain('Update secret');
    expect(text).toContain('Snooze…');
    await sleep(5_000);
    expect(alertsIn(team, /client secret of Staging/)).toHaveLength(1);

    await h.app.close();
    h = await startApp(emu, { env: ENV, dir: h.dir, clock });
    await sleep(5_000);
    expect(alertsIn(team, /client secret of Staging/)).toHaveLength(1);
  }, 60_000);

  it('Snooze… 1 day: nothing until it ends, then one reminder', async () => {
    const [alert] = alertsIn(team, ALERT);
    const ask = await click(team, alert as ConnectorCall, 'Snooze…');
    expect(cardText(ask)).toContain('Snooze reminders of Staging for how long?');
    const answer = await click(team, ask, '1 day');
    expect(cardText(answer)).toContain('Reminders for Staging snoozed');
    await sleep(4_500);
    expect(alertsIn(team, /Reminder: /)).toHaveLength(0);
    clock.offsetMs += DAY + 60_000;
    const reminder = await connector.waitFor(
      (c) =>
        c.method === 'POST' &&
        c.conversationId === team.conversationId &&
        /Reminder: the client secret of Staging expires in 4 days/.test(cardText(c)),
      10_000,
    );
    expect(cardText(reminder)).toContain('Update secret');
    await sleep(4_500);
    expect(alertsIn(team, /Reminder: /)).toHaveLength(1);
  }, 60_000);
});

describe('Graph 403', () => {
  it('connects with "expiry unknown" and the remedy; with a typed date, the alert follows it', async () => {
    const unknown = who();
    const final = await connect(unknown, 'NoGraph', C.noGraph);
    expect(cardText(final)).toMatch(/NoGraph is Active/);
    expect(cardText(final)).toContain('Application.Read.All');

    const typed = who();
    const date = new Date(clock.now().getTime() + 3 * DAY).toISOString().slice(0, 10);
    const withDate = await connect(typed, 'Typed', C.noGraph, { secretExpiresOn: date });
    expect(cardText(withDate)).toMatch(/Typed is Active/);
    await connector.waitFor(
      (c) =>
        c.method === 'POST' &&
        c.conversationId === typed.conversationId &&
        /client secret of Typed expires in 3 days/.test(cardText(c)),
      10_000,
    );
    await sleep(4_500);
    expect(alertsIn(unknown, /client secret of NoGraph/)).toHaveLength(0);
    expect(alertsIn(typed, /client secret of Typed/)).toHaveLength(1);
  }, 60_000);
});

describe('rotate', () => {
  let team: Who;
  beforeAll(() => {
    team = who();
  });
  const ciphertext = () => {
    const db = new Database(h.dbPath, { readonly: true, fileMustExist: true });
    try {
      return db
        .prepare<[], string>(
          "SELECT s.ciphertext FROM secrets s JOIN connections c ON c.id = s.connection_id WHERE c.name = 'Rotated'",
        )
        .pluck()
        .get();
    } finally {
      db.close();
    }
  };

  async function rotateWith(secret: string): Promise<string> {
    const n = connector.calls.length;
    await postActivity(h.app.url, teamsActivity(team, { text: '/osto rotate Rotated' }));
    const form = await connector.waitFor(
      (c) => connector.calls.indexOf(c) >= n && c.conversationId === team.conversationId,
    );
    expect(cardText(form)).toContain('Update the client secret of Rotated');
    const m = connector.calls.length;
    await postActivity(
      h.app.url,
      teamsActivity(team, {
        replyToId: form.resultId,
        value: { action: 'rotate', name: 'Rotated', clientSecret: secret },
      }),
    );
    const final = await connector.waitFor(
      (c) =>
        connector.calls.indexOf(c) >= m &&
        c.method === 'PUT' &&
        c.activityId === form.resultId &&
        /was not accepted|uses its new secret/.test(cardText(c)),
    );
    // The form was replaced: no card of the conversation still holds the secret.
    expect(connector.calls.slice(m).some((c) => c.raw.includes(secret))).toBe(false);
    return cardText(final);
  }

  async function syncOk(): Promise<string> {
    const n = connector.calls.length;
    await postActivity(h.app.url, teamsActivity(team, { text: '/osto sync Rotated' }));
    const done = await connector.waitFor(
      (c) =>
        connector.calls.indexOf(c) >= n &&
        c.method === 'PUT' &&
        /Rotated synced|The sync failed/.test(cardText(c)),
    );
    return cardText(done);
  }

  it('a wrong secret keeps the old one working and says why', async () => {
    expect(cardText(await connect(team, 'Rotated', C.good))).toMatch(/Rotated is Active/);
    const before = ciphertext();
    const text = await rotateWith(C.wrongSecret.clientSecret);
    expect(text).toContain('The new secret of Rotated was not accepted');
    expect(text).toContain('Rotated keeps using its current secret.');
    expect(ciphertext()).toBe(before);
    expect(await syncOk()).toContain('Rotated synced');
  }, 60_000);

  it('a good one: the next sync uses it, and the old ciphertext is gone from the database files', async () => {
    const old = ciphertext();
    if (!old) throw new Error('no stored secret');
    const app = emu.world.apps.find((a) => a.appId === C.good.clientId);
    const other = app?.secrets[1];
    if (!app || !other) throw new Error('the sample app changed');
    const text = await rotateWith(other.value);
    expect(text).toContain('Rotated uses its new secret');
    expect(text).toMatch(/expires \d{4}-\d{2}-\d{2} \(in 4[45] days\)/);
    expect(h.dbBytes().includes(Buffer.from(old))).toBe(false);
    // Only the new secret signs in from now on: the old one is removed at Entra ID.
    const before = app.secrets;
    app.secrets = [other];
    try {
      expect(await syncOk()).toContain('Rotated synced');
    } finally {
      app.secrets = before;
    }
  }, 60_000);
});
