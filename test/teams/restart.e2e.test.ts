/**
 * kill -9 during a verification, then a new start on the same database: the attempt was stored
 * (its secret encrypted), so the next start runs it again and the card ends; the audit says how;
 * no attempt secret stays in the database files.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { type Emulator, SAMPLE, sampleWorld } from '../../src/emulator';
import { type ChildBot, startChildBot } from '../support/child-bot';
import { startTestEmulator } from '../support/emulator';
import { cardText, FakeConnector } from '../support/fake-connector';
import { postActivity, teamsActivity } from '../support/teams-activity';

const C = SAMPLE.credentials.good;

function dbBytes(dbPath: string): Buffer {
  const dir = dirname(dbPath);
  return Buffer.concat(
    readdirSync(dir)
      .filter((f) => f.startsWith('osto.db') && !f.endsWith('.key'))
      .map((f) => readFileSync(join(dir, f))),
  );
}

describe('a restart in the middle of a verification', () => {
  let emu: Emulator;
  let connector: FakeConnector;
  let bot: ChildBot | undefined;
  beforeAll(async () => {
    emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    await bot?.stop();
    await connector.close();
    await emu.close();
  });

  it('kill -9, start again: the card ends, the audit says how, no attempt secret is left', async () => {
    const env = {
      AZURE_AUTHORITY_HOST: emu.authorityHost,
      AZURE_RESOURCE_MANAGER_ENDPOINT: emu.armEndpoint,
      AZURE_GRAPH_ENDPOINT: emu.graphEndpoint,
    };
    // The role check hangs: the verification is caught half-way.
    emu.faults.add({ path: 'roleAssignments', delayMs: 60_000 });
    bot = await startChildBot(env);
    const { dbPath } = bot;
    const tenantId = randomUUID();
    const who = {
      tenantId,
      conversationId: `a:${randomUUID()}`,
      userId: randomUUID(),
      serviceUrl: connector.url,
    };
    const value = { action: 'connect', name: 'Survivor', ...C };
    const res = await postActivity(bot.url, teamsActivity(who, { replyToId: 'card-1', value }));
    expect(res.status).toBe(200);
    await connector.waitFor(
      (c) =>
        c.method === 'PUT' &&
        c.activityId === 'card-1' &&
        /Read the subscription/.test(cardText(c)) &&
        /Contoso Production/.test(cardText(c)),
    );

    const before = new Database(dbPath, { readonly: true });
    const row = before
      .prepare(
        `SELECT a.status, s.ciphertext FROM connect_attempts a JOIN connect_attempt_secrets s ON s.attempt_id = a.id`,
      )
      .get() as { status: string; ciphertext: string };
    before.close();
    expect(row.status).toBe('running');
    await bot.kill9();
    expect(dbBytes(dbPath).includes(C.clientSecret)).toBe(false);

    emu.faults.clear();
    bot = await startChildBot(env, { dir: dirname(dbPath) });
    const ended = await connector.waitFor(
      (c) => c.activityId === 'card-1' && /Survivor is Active|interrupted/.test(cardText(c)),
      30_000,
    );
    expect(cardText(ended)).toMatch(/Survivor is Active/);
    await bot.stop();

    const after = new Database(dbPath, { readonly: true });
    const audit = after
      .prepare('SELECT action, outcome, detail FROM audit_log WHERE workspace_id = ?')
      .all(`teams:${tenantId}`) as { action: string; detail: string }[];
    const attempt = after.prepare('SELECT status, runs FROM connect_attempts').get() as {
      status: string;
      runs: number;
    };
    const left = after.prepare('SELECT COUNT(*) AS n FROM connect_attempt_secrets').get() as { n: number };
    after.close();
    expect(audit).toEqual([expect.objectContaining({ action: 'connect', outcome: 'ok' })]);
    expect(attempt).toEqual({ status: 'connected', runs: 2 });
    expect(left.n).toBe(0);
    const bytes = dbBytes(dbPath);
    expect(bytes.includes(row.ciphertext)).toBe(false);
    expect(bytes.includes(C.clientSecret)).toBe(false);
    expect(existsSync(`${dbPath}-wal`) ? readFileSync(`${dbPath}-wal`).includes(row.ciphertext) : false).toBe(
      false,
    );
  }, 120_000);
});
