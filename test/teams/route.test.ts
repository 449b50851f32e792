import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudAdapter } from 'botbuilder';
import type { TeamsBot } from '../../src/channels/teams/bot';
import { teamsRoute } from '../../src/channels/teams/route';
import { fakeLogger } from '../store/store-fixtures';
import { postRaw } from '../support/hostile-bodies';
import { teamsActivity } from '../support/teams-activity';

describe('POST /api/messages: an error outside any turn', () => {
  let server: Server;
  let url: string;
  const log = fakeLogger();
  beforeAll(async () => {
    const adapter = {
      process: async () => {
        throw new Error('the adapter blew up');
      },
    } as unknown as CloudAdapter;
    const route = teamsRoute({ adapter, bot: {} as TeamsBot, log, loopbackServiceUrlOnly: true });
    server = createServer((req, res) => void route(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('is answered 500 and logged once, and the next request is served', async () => {
    const activity = teamsActivity(
      { tenantId: 't', conversationId: 'c', userId: 'u', serviceUrl: 'http://127.0.0.1:9/' },
      { text: 'help' },
    );
    const res = await postRaw(url, JSON.stringify(activity), { 'content-type': 'application/json' });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text)).toEqual({ error: 'internal error' });
    expect(log.calls.filter((c) => c.level === 'error')).toHaveLength(1);
    expect((await postRaw(url, '{}', { 'content-type': 'application/json' })).status).toBe(400);
  });
});
