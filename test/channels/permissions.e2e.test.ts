/**
 * Who may do what, in both channels against the real app: every verb typed by an admin, by the
 * connection's creator, by another member and by someone of another workspace (OSTO_ADMINS set
 * after the creator connected); forged buttons carrying another workspace's connection change
 * nothing; after disconnect no trace of the secret is left in the database files.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { type Emulator, SAMPLE, sampleWorld } from '../../src/emulator';
import { modalInput, openModal, type SlackWorld, who as slackWho, submit } from '../slack/slack-e2e';
import { blockActionBody, postSigned, slackEnv, slashCommand } from '../slack/slack-requests';
import { type Harness, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';
import { cardText, FakeConnector } from '../support/fake-connector';
import { FakeSlack, slackText } from '../support/fake-slack';
import { postActivity, teamsActivity, type Who } from '../support/teams-activity';
import { formValue, openForm, submitForm } from '../support/teams-flow';

const C = SAMPLE.credentials.good;
type Role = 'admin' | 'creator' | 'member' | 'other workspace';
const ROLES: Role[] = ['admin', 'creator', 'member', 'other workspace'];

/** What each command answers, by role: the words that must be shown ('form' for the connect form). */
const NOT_ALLOWED = 'Not allowed';
const NOT_HERE = 'No connection named "Production"';
const EXPECT: [string, Record<Role, string>][] = [
  [
    'help',
    {
      admin: 'Osto commands',
      creator: 'Osto commands',
      member: 'Osto commands',
      'other workspace': 'Osto commands',
    },
  ],
  [
    'status',
    {
      admin: 'Production',
      creator: 'Production',
      member: 'Production',
      'other workspace': 'No Azure subscription is connected yet',
    },
  ],
  [
    'connect azure',
    {
      admin: 'form',
      creator: 'Only the admins listed in OSTO_ADMINS may connect a subscription.',
      member: 'Only the admins listed in OSTO_ADMINS may connect a subscription.',
      'other workspace': 'Only the admins listed in OSTO_ADMINS may connect a subscription.',
    },
  ],
  [
    'sync Production',
    {
      admin: 'Syncing Production…',
      creator: 'Syncing Production…',
      member: NOT_ALLOWED,
      'other workspace': NOT_HERE,
    },
  ],
  [
    'assets Production',
    {
      admin: 'Assets of Production',
      creator: 'Assets of Production',
      member: 'Assets of Production',
      'other workspace': NOT_HERE,
    },
  ],
  [
    'findings Production',
    {
      admin: 'Findings of Production',
      creator: 'Findings of Production',
      member: 'Findings of Production',
      'other workspace': NOT_HERE,
    },
  ],
  [
    'rotate Production',
    { admin: 'rotate-form', creator: 'rotate-form', member: NOT_ALLOWED, 'other workspace': NOT_HERE },
  ],
  [
    'notify Production changes',
    {
      admin: 'Notifications for Production: changes',
      creator: 'Notifications for Production: changes',
      member: NOT_ALLOWED,
      'other workspace': NOT_HERE,
    },
  ],
  [
    'snooze Production 1d',
    {
      admin: 'Reminders for Production snoozed',
      creator: 'Reminders for Production snoozed',
      member: NOT_ALLOWED,
      'other workspace': NOT_HERE,
    },
  ],
  [
    'audit Production',
    {
      admin: 'Audit log of Production',
      creator: 'Audit log of Production',
      member: NOT_ALLOWED,
      'other workspace': NOT_HERE,
    },
  ],
  [
    'disconnect Production',
    {
      admin: 'Disconnect Production?',
      creator: 'Disconnect Production?',
      member: NOT_ALLOWED,
      'other workspace': NOT_HERE,
    },
  ],
];

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
});
afterAll(() => emu.close());

const storedSecret = (h: Harness): string => {
  const db = new Database(h.dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], string>('SELECT ciphertext FROM secrets LIMIT 1').pluck().get() ?? '';
  } finally {
    db.close();
  }
};

describe('Teams', () => {
  const tenantA = SAMPLE.tenants.contoso.id;
  const tenantB = randomUUID();
  const ids = {
    admin: randomUUID(),
    creator: randomUUID(),
    member: randomUUID(),
    'other workspace': randomUUID(),
  };
  let connector: FakeConnector;
  let h: Harness;
  const person = (role: Role): Who => ({
    tenantId: role === 'other workspace' ? tenantB : tenantA,
    conversationId: `a:${randomUUID()}`,
    userId: ids[role],
    serviceUrl: connector.url,
  });

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    h = await startApp(emu);
    const creator = person('creator');
    const formId = await openForm(h.app.url, connector, creator);
    const { final } = await submitForm(h.app.url, connector, creator, formId, formValue(C, 'Production'));
    expect(cardText(final)).toMatch(/Production is Active/);
    // OSTO_ADMINS is set afterwards: the creator is no admin, but still the creator.
    await h.app.close();
    h = await startApp(emu, { dir: h.dir, env: { OSTO_ADMINS: ids.admin } });
  });
  afterAll(async () => {
    await h.app.close();
    await connector.close();
  });

  async function say(w: Who, extra: Record<string, unknown>): Promise<string> {
    const n = connector.calls.length;
    const res = await postActivity(h.app.url, teamsActivity(w, extra));
    expect(res.status).toBe(200);
    const reply = await connector.waitFor(
      (c) => connector.calls.indexOf(c) >= n && c.conversationId === w.conversationId,
    );
    return cardText(reply);
  }

  const cases = EXPECT.flatMap(([text, by]) => ROLES.map((role) => [text, role, by[role]] as const));
  it.each(cases)('%s, by %s', async (text, role, want) => {
    const shown = await say(person(role), { text: `/osto ${text}` });
    if (want === 'form') expect(shown).toContain('Connect an Azure subscription');
    else if (want === 'rotate-form') expect(shown).toContain('Update the client secret of Production');
    else expect(shown).toContain(want);
  });

  it("a forged card action with another workspace's connection id is refused and changes nothing", async () => {
    const db = new Database(h.dbPath, { readonly: true, fileMustExist: true });
    const idA = db.prepare<[], string>("SELECT id FROM connections WHERE name = 'Production'").pluck().get();
    db.close();
    const forged = {
      action: 'run',
      verb: 'disconnect',
      args: { name: 'Production', confirm: `${idA}.${Date.now() + 60_000}` },
    };
    expect(await say(person('other workspace'), { value: forged })).toContain(NOT_HERE);
    // Malformed data never reaches a verb.
    expect(await say(person('admin'), { value: { action: 'run', verb: 'DROP TABLE' } })).toContain(
      'That could not be read',
    );
    expect(
      await say(person('admin'), {
        value: { action: 'run', verb: 'sync', args: { name: 'x'.repeat(5_000) } },
      }),
    ).toContain('That could not be read');
    expect(await say(person('admin'), { text: '/osto status' })).toContain('Production');
  });

  it('after disconnect, no trace of the secret in the database files (WAL included)', async () => {
    const ciphertext = storedSecret(h);
    expect(ciphertext.length).toBeGreaterThan(20);
    const admin = person('admin');
    const n = connector.calls.length;
    await postActivity(h.app.url, teamsActivity(admin, { text: '/osto disconnect Production' }));
    const ask = await connector.waitFor(
      (c) => connector.calls.indexOf(c) >= n && c.conversationId === admin.conversationId,
    );
    let confirm: Record<string, unknown> | undefined;
    JSON.stringify(ask.body, (_k, v: unknown) => {
      const o = v as { title?: unknown; data?: Record<string, unknown> } | null;
      if (o && typeof o === 'object' && o.title === 'Disconnect' && o.data) confirm = o.data;
      return v;
    });
    if (!confirm) throw new Error('no Disconnect button');
    const done = await say(admin, { replyToId: ask.resultId, value: confirm });
    expect(done).toContain('Production disconnected');
    const bytes = h.dbBytes();
    expect(bytes.includes(Buffer.from(ciphertext))).toBe(false);
    expect(bytes.includes(Buffer.from(C.clientSecret))).toBe(false);
    expect(await say(admin, { text: '/osto status' })).toContain('No Azure subscription is connected yet');
  });
});

describe('Slack', () => {
  const world = {} as SlackWorld;
  const teamA = `T${randomUUID().slice(0, 8).toUpperCase()}`;
  const teamB = `T${randomUUID().slice(0, 8).toUpperCase()}`;
  const users = {
    admin: 'UADMIN77',
    creator: 'UCREATOR7',
    member: 'UMEMBER77',
    'other workspace': 'UOTHER777',
  };
  const person = (role: Role) => ({
    ...slackWho(world.fake, role === 'other workspace' ? teamB : teamA),
    userId: users[role],
  });

  beforeAll(async () => {
    const fake = await new FakeSlack().start();
    const h = await startApp(emu, { env: slackEnv(fake.apiUrl) });
    Object.assign(world, { emu, fake, h, close: async () => {} });
    const creator = person('creator');
    const { view } = await openModal(world, creator);
    const { final } = await submit(world, creator, view, modalInput(C, 'Production'));
    expect(slackText(final)).toMatch(/Production is Active/);
    await h.app.close();
    world.h = await startApp(emu, {
      dir: h.dir,
      env: { ...slackEnv(fake.apiUrl), OSTO_ADMINS: users.admin },
    });
  });
  afterAll(async () => {
    await world.h.app.close();
    await world.fake.close();
  });

  const cases = EXPECT.flatMap(([text, by]) => ROLES.map((role) => [text, role, by[role]] as const));
  it.each(cases)('%s, by %s', async (text, role, want) => {
    const from = world.fake.calls.length;
    const ack = await slashCommand(world.h.app.url, person(role), text);
    expect(ack.status).toBe(200);
    if (want === 'form' || want === 'rotate-form') {
      const opened = await world.fake.waitFor(
        (c) => world.fake.calls.indexOf(c) >= from && c.method === 'views.open',
      );
      const callback = (opened.body.view as { callback_id?: string }).callback_id;
      expect(callback).toBe(want === 'form' ? 'osto_connect' : 'osto_rotate');
      return;
    }
    expect(slackText({ body: ack.json ?? {} })).toContain(want);
  });

  it("a forged button with another workspace's connection is refused and changes nothing", async () => {
    const db = new Database(world.h.dbPath, { readonly: true, fileMustExist: true });
    const idA = db.prepare<[], string>("SELECT id FROM connections WHERE name = 'Production'").pluck().get();
    db.close();
    const other = person('other workspace');
    const click = async (value: string) => {
      const from = world.fake.calls.length;
      const res = await postSigned(
        world.h.app.url,
        blockActionBody(other, { action_id: 'osto_run:disconnect:Disconnect', value }),
      );
      expect(res.status).toBe(200);
      return slackText(
        await world.fake.waitFor((c) => world.fake.calls.indexOf(c) >= from && c.method === 'response_url'),
      );
    };
    const forged = JSON.stringify({
      verb: 'disconnect',
      args: { name: 'Production', confirm: `${idA}.${Date.now() + 60_000}` },
    });
    expect(await click(forged)).toContain(NOT_HERE);
    expect(await click('{"verb": 1}')).toContain('That could not be read');
    const status = await slashCommand(world.h.app.url, person('admin'), 'status');
    expect(slackText({ body: status.json ?? {} })).toContain('Production');
  });
});
