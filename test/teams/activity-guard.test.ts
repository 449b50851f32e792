/**
 * The activity guard and the parsers behind it: for any JSON object a client may send, the
 * guard either refuses it with a short reason, or the bot's own readers of the activity
 * (workspace, actor, command text, card action) handle it without throwing.
 */
import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { actorOf, cardActionOf, commandText, workspaceOf } from '../../src/channels/teams/activity';
import { checkActivity, isLoopbackHost } from '../../src/channels/teams/activity-guard';
import { teamsActivity } from '../support/teams-activity';

const LOCAL = { loopbackServiceUrlOnly: true };
const who = { tenantId: 't1', conversationId: 'c1', userId: 'u1', serviceUrl: 'http://127.0.0.1:9/' };

describe('the Teams activity guard', () => {
  it('accepts what Teams sends: a message, a mention, a card submit, a card action invoke', () => {
    expect(checkActivity(teamsActivity(who, { text: 'help' }), LOCAL)).toBeUndefined();
    const mention = {
      text: '<at>Osto</at> status',
      entities: [{ type: 'mention', text: '<at>Osto</at>', mentioned: { id: '28:osto-bot', name: 'Osto' } }],
    };
    expect(checkActivity(teamsActivity(who, mention), LOCAL)).toBeUndefined();
    expect(checkActivity(teamsActivity(who, { value: { action: 'connect' } }), LOCAL)).toBeUndefined();
    const invoke = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'status', data: {} } },
    };
    expect(checkActivity(teamsActivity(who, invoke), LOCAL)).toBeUndefined();
    expect(
      checkActivity(teamsActivity(who, { type: 'conversationUpdate', text: undefined }), LOCAL),
    ).toBeUndefined();
  });

  it('in authenticated mode any https serviceUrl may pass (the token binds it)', () => {
    const a = teamsActivity({ ...who, serviceUrl: 'https://smba.trafficmanager.net/emea/' }, {});
    expect(checkActivity(a, { loopbackServiceUrlOnly: false })).toBeUndefined();
    expect(checkActivity(a, LOCAL)?.reason).toMatch(/local mode/);
  });

  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.9.9.9', 'localhost', '[::1]', '::1', 'app.localhost'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['169.254.169.254', '10.0.0.1', 'example.com', '128.0.0.1', 'localhost.evil.com'])
      expect(isLoopbackHost(h)).toBe(false);
  });

  /** Mostly what Teams sends, sometimes anything at all, field by field. */
  const mostly = <T>(valid: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: fc.anything(), weight: 1 });
  const account = fc.record(
    { id: fc.string({ minLength: 1 }), aadObjectId: mostly(fc.uuid()) },
    { requiredKeys: ['id'] },
  );
  const anyActivity = fc.record(
    {
      type: mostly(fc.constantFrom('message', 'invoke', 'conversationUpdate')),
      name: mostly(fc.constantFrom('adaptiveCard/action', 'task/fetch')),
      channelId: mostly(fc.constant('msteams')),
      serviceUrl: mostly(
        fc.constantFrom('http://127.0.0.1:9/', 'http://localhost:3978/x', 'https://example.com/'),
      ),
      conversation: mostly(fc.record({ id: fc.string({ minLength: 1 }), tenantId: mostly(fc.uuid()) })),
      from: mostly(account),
      recipient: mostly(account),
      text: mostly(fc.string()),
      value: mostly(
        fc.record({
          action: mostly(
            fc.record({
              verb: mostly(fc.string()),
              data: mostly(fc.dictionary(fc.string(), fc.jsonValue())),
            }),
          ),
        }),
      ),
      replyToId: mostly(fc.string({ minLength: 1 })),
      channelData: mostly(fc.record({ tenant: mostly(fc.record({ id: mostly(fc.uuid()) })) })),
      entities: mostly(
        fc.array(
          fc.record({
            type: fc.constantFrom('mention', 'clientInfo'),
            mentioned: mostly(account),
            text: mostly(fc.string()),
          }),
          { maxLength: 3 },
        ),
      ),
      membersAdded: mostly(fc.array(account, { maxLength: 3 })),
    },
    { requiredKeys: ['type', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient'] },
  );

  it('never throws; refuses with a short reason, or the bot can read what it let through', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyActivity, (raw) => {
        const a = raw as Record<string, unknown>;
        const problem = checkActivity(a, LOCAL);
        if (problem)
          return problem.status === 400 && problem.reason.length > 0 && problem.reason.length < 160;
        const activity = a as unknown as Activity;
        workspaceOf(activity);
        actorOf(activity);
        if (activity.type === 'message') commandText(activity);
        cardActionOf(activity);
        accepted += 1;
        return true;
      }),
      { numRuns: 5_000 },
    );
    // The property says something about accepted activities only if there were many.
    expect(accepted).toBeGreaterThan(500);
  });
});
