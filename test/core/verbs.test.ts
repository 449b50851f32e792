import { runCommand, runText } from '../../src/core/commands/run';
import { VERBS } from '../../src/core/commands/table';
import { beginConnect } from '../../src/core/connect/begin';
import type { Reply } from '../../src/core/reply';
import { coreWorld } from '../support/core-harness';

const text = (r: Reply) => JSON.stringify(r);

describe('the verbs, on the core alone', () => {
  it('help lists the commands that work, without angle brackets (cards drop them)', async () => {
    const w = coreWorld();
    const help = await runText(w.core, w.ctx(), 'help');
    expect(help.kind).toBe('help');
    expect(text(help)).not.toMatch(/[<>]/);
    if (help.kind === 'help') {
      expect(help.view.commands.map((c) => c.usage)).toEqual(
        VERBS.filter((v) => v.listed).map((v) => v.usage),
      );
      expect(help.view.intro).toMatch(/\/osto/);
    }
  });

  it('unknown input gets help with a "did you mean", echoed at most 40 characters', async () => {
    const w = coreWorld();
    const r = await runText(w.core, w.ctx(), `stauts ${'x'.repeat(500)}`);
    expect(r).toMatchObject({ kind: 'help', view: { didYouMean: 'status' } });
    if (r.kind === 'help') expect(r.view.unknown.length).toBeLessThanOrEqual(40);
  });

  it('status: how to connect when empty; a name not found is echoed cut short', async () => {
    const w = coreWorld();
    const empty = await runText(w.core, w.ctx(), 'status');
    expect(empty).toMatchObject({
      kind: 'status',
      view: { rows: [], empty: { action: { run: { verb: 'connect' } } } },
    });
    const missing = await runText(w.core, w.ctx(), `status ${'n'.repeat(1000)}`);
    expect(missing.kind).toBe('message');
    expect(text(missing).length).toBeLessThan(400);
    expect(text(missing)).toMatch(/No connection named \\"n{63}…\\"/);
  });

  it('connect: the form for an admin; a refusal for anyone else, in the same words as at submit', async () => {
    const w = coreWorld({ admins: ['boss'] });
    expect((await runText(w.core, w.ctx({ actor: 'boss' }), 'connect azure')).kind).toBe('connect-form');
    const refused = await runText(w.core, w.ctx(), 'connect azure');
    const atSubmit = await beginConnect(
      w.core,
      w.ctx(),
      'k',
      {},
      {
        channel: 'teams',
        workspaceId: 'teams:t1',
        conversationKey: 'c',
      },
    );
    expect(refused.kind).toBe('message');
    expect(atSubmit.kind === 'refused' && atSubmit.reply).toEqual(refused);
    expect(text(refused)).toContain('Only the admins listed in OSTO_ADMINS may connect a subscription.');
  });

  it('a "Try again" brings the form back filled, never with a secret, asking for the secret again', async () => {
    const w = coreWorld();
    const r = await runCommand(w.core, w.ctx(), {
      verb: 'connect',
      args: {
        provider: 'azure',
        name: 'Prod',
        clientSecret: 'Abc8Q~x',
        description: 'Abc8Q~sneakysneakysneakysneakysneaky1234',
      },
    });
    expect(r).toMatchObject({
      kind: 'connect-form',
      form: { values: { name: 'Prod' }, notice: /secret again/ },
    });
    expect(text(r)).not.toContain('Abc8Q~');
  });

  it('connect with another provider says what is supported', async () => {
    const w = coreWorld();
    expect(text(await runText(w.core, w.ctx(), 'connect aws'))).toMatch(/Osto connects Azure for now/);
  });
});
