/**
 * Every verb of the core's table, typed in Teams and in Slack by an admin and by another member
 * (OSTO_ADMINS set): both channels answer at the same point with the core's own words. The
 * expected words come from running the core itself; each channel must show them.
 */
import { randomUUID } from 'node:crypto';
import { runText } from '../../src/core/commands/run';
import { VERBS } from '../../src/core/commands/table';
import type { Reply } from '../../src/core/reply';
import { type Emulator, sampleWorld } from '../../src/emulator';
import { slackEnv, slashCommand } from '../slack/slack-requests';
import { type Harness, startApp } from '../support/app-harness';
import { coreWorld } from '../support/core-harness';
import { startTestEmulator } from '../support/emulator';
import { cardText, FakeConnector } from '../support/fake-connector';
import { FakeSlack, slackText } from '../support/fake-slack';
import { postActivity, teamsActivity } from '../support/teams-activity';

const TEAMS_ADMIN = '11111111-aaaa-4aaa-8aaa-111111111111';
const SLACK_ADMIN = 'UADMIN01';
const ADMINS = `${TEAMS_ADMIN},${SLACK_ADMIN}`;

/** A way to type each verb (with a name where it takes one). */
function typed(verb: string): string {
  if (verb === 'connect') return 'connect azure';
  if (verb === 'findings') return 'findings Production critical';
  if (verb === 'notify') return 'notify Production off';
  if (verb === 'help' || verb === 'status') return verb;
  return `${verb} Production`;
}

/** What a person must see, from the core itself: "form", or words every channel shows verbatim. */
function expected(reply: Reply): { form: boolean; words: string[] } {
  switch (reply.kind) {
    case 'connect-form':
      return { form: true, words: [] };
    case 'message':
      return { form: false, words: [reply.view.title, reply.view.text] };
    case 'help':
      return { form: false, words: ['Osto commands', ...reply.view.commands.map((c) => c.description)] };
    case 'status':
      return { form: false, words: [reply.view.empty?.text ?? reply.view.summary] };
    default:
      return { form: false, words: [] };
  }
}

const unescapeMrkdwn = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('every verb, both channels, the same point and the same words', () => {
  let emu: Emulator;
  let connector: FakeConnector;
  let slack: FakeSlack;
  let teamsApp: Harness;
  let slackApp: Harness;
  beforeAll(async () => {
    emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
    connector = await new FakeConnector().start();
    slack = await new FakeSlack().start();
    teamsApp = await startApp(emu, { env: { OSTO_ADMINS: ADMINS } });
    slackApp = await startApp(emu, { env: { ...slackEnv(slack.apiUrl), OSTO_ADMINS: ADMINS } });
  });
  afterAll(async () => {
    await teamsApp.app.close();
    await slackApp.app.close();
    await connector.close();
    await slack.close();
    await emu.close();
  });

  async function inTeams(actor: string, text: string): Promise<{ form: boolean; text: string }> {
    const conversationId = `a:${randomUUID()}`;
    const who = { tenantId: randomUUID(), conversationId, userId: actor, serviceUrl: connector.url };
    const res = await postActivity(teamsApp.app.url, teamsActivity(who, { text }));
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((c) => c.conversationId === conversationId);
    const shown = cardText(reply);
    return {
      form: shown.includes('Connect an Azure subscription') && shown.includes('Client Secret'),
      text: shown,
    };
  }

  async function inSlack(actor: string, text: string): Promise<{ form: boolean; text: string }> {
    const person = {
      teamId: `T${randomUUID().slice(0, 8)}`,
      userId: actor,
      channelId: 'C1',
      responseUrl: slack.responseUrl(),
    };
    const from = slack.calls.length;
    const ack = await slashCommand(slackApp.app.url, person, text);
    expect(ack.status).toBe(200);
    if (ack.text === '') {
      const opened = await slack.waitFor((c) => slack.calls.indexOf(c) >= from && c.method === 'views.open');
      return { form: opened.body.view !== undefined, text: unescapeMrkdwn(slackText(opened)) };
    }
    return { form: false, text: unescapeMrkdwn(slackText({ body: ack.json ?? {} })) };
  }

  const cases = VERBS.filter((v) => v.listed).flatMap((v) => [
    [v.name, 'an admin', typed(v.name), { teams: TEAMS_ADMIN, slack: SLACK_ADMIN }] as const,
    [v.name, 'another member', typed(v.name), { teams: randomUUID(), slack: 'UMEMBER1' }] as const,
  ]);

  it.each(cases)('%s, typed by %s (%s)', async (_verb, _who, text, actors) => {
    const w = coreWorld({ admins: ADMINS.split(',') });
    const want = expected(await runText(w.core, w.ctx({ actor: actors.teams }), text));
    const teams = await inTeams(actors.teams, text);
    const slackAnswer = await inSlack(actors.slack, text);
    expect(teams.form).toBe(want.form);
    expect(slackAnswer.form).toBe(want.form);
    for (const words of want.words) {
      expect(teams.text).toContain(words);
      expect(slackAnswer.text).toContain(words);
    }
  });

  it('a member is refused "connect" before any form, in both channels, with the same sentence', async () => {
    const teams = await inTeams(randomUUID(), 'connect azure');
    const slackAnswer = await inSlack('UMEMBER2', 'connect azure');
    const sentence = 'Only the admins listed in OSTO_ADMINS may connect a subscription.';
    expect([teams.form, slackAnswer.form]).toEqual([false, false]);
    expect(teams.text).toContain(sentence);
    expect(slackAnswer.text).toContain(sentence);
    expect(slack.calls.filter((c) => c.method === 'views.open' && c.body.trigger_id === undefined)).toEqual(
      [],
    );
  });
});
