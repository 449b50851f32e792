import { type Emulator, sampleWorld } from '../../src/emulator';
import { type Harness, startApp } from '../support/app-harness';
import { startTestEmulator } from '../support/emulator';

const activity = { type: 'message', text: 'help', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9' };

describe('which doors are open in which mode', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ world: sampleWorld() });
  });
  afterAll(() => emu.close());

  async function withApp(env: Record<string, string>, check: (h: Harness) => Promise<void>) {
    const h = await startApp(emu, { env });
    try {
      await check(h);
    } finally {
      await h.app.close();
    }
  }

  it('local mode (no channel configured): 127.0.0.1 only, Teams and the playground on', async () => {
    await withApp({}, async (h) => {
      expect(new URL(h.app.url).hostname).toBe('127.0.0.1');
      expect((await fetch(`${h.app.url}/`)).status).toBe(200);
      const res = await fetch(`${h.app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({}),
      });
      expect(res.status).not.toBe(404); // the route is there (botbuilder refuses the empty body itself)
      expect(res.status).not.toBe(401);
    });
  });

  it('Slack only: all interfaces, no unauthenticated Teams endpoint and no playground', async () => {
    await withApp(
      { SLACK_SIGNING_SECRET: 'sig', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: 'http://127.0.0.1:9/api/' },
      async (h) => {
        const port = new URL(h.app.url).port;
        expect(new URL(h.app.url).hostname).toBe('0.0.0.0');
        const base = `http://127.0.0.1:${port}`;
        const res = await fetch(`${base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        expect(res.status).toBe(404);
        expect((await fetch(`${base}/`)).status).toBe(404);
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
      },
    );
  });

  it('with MicrosoftAppId: all interfaces, Teams authenticated, no playground', async () => {
    await withApp(
      { MicrosoftAppId: '2f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', MicrosoftAppPassword: 'x' },
      async (h) => {
        const base = `http://127.0.0.1:${new URL(h.app.url).port}`;
        expect(new URL(h.app.url).hostname).toBe('0.0.0.0');
        expect((await fetch(`${base}/`)).status).toBe(404);
        const res = await fetch(`${base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        expect(res.status).toBe(401);
      },
    );
  });
});
