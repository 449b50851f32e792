import { Writable } from 'node:stream';
import { AzureEngine } from '../../src/azure';
import { routeAzureSdkLogs } from '../../src/azure/sdk-logging';
import { type Emulator, SAMPLE, sampleWorld } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { endpointsOf, startTestEmulator } from '../support/emulator';

const C = SAMPLE.credentials;

describe('logs never hold a secret', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
  });
  afterAll(() => emu.close());

  it('verbose Azure SDK logs and our own lines of a whole run hold no client secret or token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const log = createLogger('trace', sink);
    routeAzureSdkLogs(log, 'verbose');
    const engine = new AzureEngine({ endpoints: endpointsOf(emu), policy: { maxRetries: 0 } });
    const used = [C.good, C.wrongSecret, C.expiredSecret, C.noGraph];
    for (const c of used) {
      const outcome = await engine.verify(c);
      // What a careless handler might log: the request itself and the outcome.
      log.info({ request: c, outcome }, 'verified');
      log.info(
        { clientSecret: c.clientSecret, headers: { authorization: 'Bearer eyJhbGciOi.eyJzdWIiOiJ4In0.sig' } },
        'raw',
      );
    }
    await engine.inventory(C.good);
    routeAzureSdkLogs(log, 'warning');
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(20); // the SDK really logged
    expect(text).toContain('[Redacted]');
    for (const c of used) expect(text).not.toContain(c.clientSecret);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./);
  });
});
