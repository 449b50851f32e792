import { parseSendInput, teamsActivityOf } from '../../src/playground/activity';
import { type PlaygroundEvent, Transcripts } from '../../src/playground/transcript';

const at = '2026-01-01T00:00:00.000Z';

describe('playground transcript', () => {
  it('adds, updates in place with a version, removes, and tells only that conversation’s listeners', () => {
    const t = new Transcripts();
    const seen: PlaygroundEvent[] = [];
    const other: PlaygroundEvent[] = [];
    const stop = t.subscribe('a', (e) => seen.push(e));
    t.subscribe('b', (e) => other.push(e));
    t.add('a', { id: '1', role: 'bot', text: 'one', timestamp: at });
    expect(t.update('a', '1', { text: 'uno' })).toMatchObject({ id: '1', text: 'uno', version: 2 });
    expect(t.update('a', 'nope', { text: 'x' })).toBeUndefined();
    expect(t.remove('a', '1')).toBe(true);
    expect(t.remove('a', '1')).toBe(false);
    expect(seen.map((e) => e.type)).toEqual(['activity', 'update', 'delete']);
    expect(other).toEqual([]);
    stop();
    t.add('a', { id: '2', role: 'user', text: 'two', timestamp: at });
    expect(seen).toHaveLength(3);
    expect(t.listenerCount('a')).toBe(0);
  });

  it('an update conditioned on a version loses to a newer update (invoke answer vs. a later card update)', () => {
    const t = new Transcripts();
    t.add('a', { id: 'card', role: 'bot', text: 'form', timestamp: at });
    t.update('a', 'card', { text: 'progress: stage 2' }); // the bot's PUT overtook the invoke answer
    expect(t.update('a', 'card', { text: 'progress: stage 1' }, 1)).toBeUndefined();
    expect(t.get('a', 'card')).toMatchObject({ text: 'progress: stage 2', version: 2 });
    expect(t.update('a', 'card', { text: 'done' }, 2)).toMatchObject({ text: 'done', version: 3 });
  });

  it('keeps the last N activities per conversation and the most recently used conversations', () => {
    const t = new Transcripts({ maxActivities: 3, maxConversations: 2 });
    for (let i = 0; i < 5; i++) t.add('a', { id: `${i}`, role: 'bot', timestamp: at });
    expect(t.list('a').map((e) => e.id)).toEqual(['2', '3', '4']);
    t.add('b', { id: 'b1', role: 'bot', timestamp: at });
    t.add('c', { id: 'c1', role: 'bot', timestamp: at });
    expect(t.list('a')).toEqual([]);
    expect(t.list('b')).toHaveLength(1);
    expect(t.list('c')).toHaveLength(1);
  });

  it('does not drop a conversation someone is watching while others can go', () => {
    const t = new Transcripts({ maxActivities: 3, maxConversations: 2 });
    t.subscribe('watched', () => {});
    t.add('watched', { id: 'w', role: 'bot', timestamp: at });
    t.add('x', { id: 'x', role: 'bot', timestamp: at });
    t.add('y', { id: 'y', role: 'bot', timestamp: at });
    expect(t.list('watched')).toHaveLength(1);
    expect(t.list('x')).toEqual([]);
  });
});

describe('playground send input → Teams activity', () => {
  const who = { conversationId: 'a:playground-1', userId: 'u-1', tenantId: 't-1' };

  it('accepts text, Action.Submit and Action.Execute, and rejects the rest with a reason', () => {
    expect(parseSendInput({ ...who, text: 'help' })).toEqual({ ...who, text: 'help' });
    expect(parseSendInput({ ...who, value: { a: 1 }, replyToId: 'pg-1' })).toMatchObject({
      replyToId: 'pg-1',
    });
    expect(parseSendInput({ ...who, invoke: { verb: 'connect', data: {}, cardId: 'pg-2' } })).toMatchObject({
      invoke: { verb: 'connect', cardId: 'pg-2' },
    });
    expect(parseSendInput(null)).toMatch(/object/);
    expect(parseSendInput({ ...who })).toMatch(/either/);
    expect(parseSendInput({ ...who, text: 'x', invoke: { verb: 'v', cardId: 'c' } })).toMatch(/either/);
    expect(parseSendInput({ ...who, tenantId: '' })).toMatch(/tenantId/);
    expect(parseSendInput({ ...who, value: [1] })).toMatch(/value/);
    expect(parseSendInput({ ...who, invoke: { verb: 'v' } })).toMatch(/cardId/);
  });

  it('makes the activity Teams would send: personal chat, tenant, AAD user, our serviceUrl', () => {
    const input = parseSendInput({ ...who, text: 'status' });
    if (typeof input === 'string') throw new Error(input);
    expect(teamsActivityOf(input, 'http://127.0.0.1:1/playground/connector')).toMatchObject({
      type: 'message',
      channelId: 'msteams',
      text: 'status',
      serviceUrl: 'http://127.0.0.1:1/playground/connector',
      from: { id: '29:u-1', aadObjectId: 'u-1' },
      conversation: { id: 'a:playground-1', tenantId: 't-1', conversationType: 'personal' },
      channelData: { tenant: { id: 't-1' } },
      id: expect.stringMatching(/^pg-in-/),
    });
    const invoke = parseSendInput({
      ...who,
      invoke: { verb: 'connect', data: { name: 'P' }, cardId: 'pg-9' },
    });
    if (typeof invoke === 'string') throw new Error(invoke);
    expect(teamsActivityOf(invoke, 'http://x')).toMatchObject({
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'pg-9',
      value: { action: { type: 'Action.Execute', verb: 'connect', data: { name: 'P' } } },
    });
  });
});
