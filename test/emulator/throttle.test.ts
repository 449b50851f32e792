import { type Emulator, SAMPLE, startEmulator } from '../../src/emulator';
import { type ArmErrorBody, get, tokenFor } from './https-get';

const PROD = SAMPLE.subscriptions.production.id;
const DEV = SAMPLE.subscriptions.development.id;
const path = (sub: string) => `/subscriptions/${sub}?api-version=2022-12-01`;

describe('ARM read throttling', () => {
  let emu: Emulator;
  afterEach(() => emu.close());

  it('counts down the remaining reads, then answers 429 TooManyRequests with Retry-After', async () => {
    emu = await startEmulator({ throttle: { capacity: 5, refillPerSec: 0.5 } });
    const token = await tokenFor(emu, SAMPLE.credentials.good);
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await get(emu, path(PROD), token);
      expect(r.status).toBe(200);
      remaining.push(String(r.headers['x-ms-ratelimit-remaining-subscription-reads']));
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await get(emu, path(PROD), token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body<ArmErrorBody>().error.code).toBe('TooManyRequests');
    // Buckets are per subscription (and per principal): another subscription still answers.
    expect((await get(emu, path(DEV), token)).status).toBe(200);
    const other = await tokenFor(emu, SAMPLE.credentials.owner);
    expect((await get(emu, path(PROD), other)).status).toBe(200);
  });

  it('refills over time', async () => {
    emu = await startEmulator({ throttle: { capacity: 1, refillPerSec: 20 } });
    const token = await tokenFor(emu, SAMPLE.credentials.good);
    expect((await get(emu, path(PROD), token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 120));
    expect((await get(emu, path(PROD), token)).status).toBe(200);
  });

  it('drains the default bucket (250 reads, +25/s) under a burst', async () => {
    emu = await startEmulator();
    const token = await tokenFor(emu, SAMPLE.credentials.good);
    let ok = 0;
    let status = 200;
    while (status === 200 && ok < 600) {
      const batch = await Promise.all(Array.from({ length: 25 }, () => get(emu, path(PROD), token)));
      for (const r of batch) {
        if (r.status === 200) ok++;
        else status = r.status;
      }
    }
    expect(status).toBe(429);
    expect(ok).toBeGreaterThanOrEqual(250);
    expect(ok).toBeLessThan(400);
  });

  it('can be turned off', async () => {
    emu = await startEmulator({ throttle: false });
    const token = await tokenFor(emu, SAMPLE.credentials.good);
    const results = await Promise.all(Array.from({ length: 40 }, () => get(emu, path(PROD), token)));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });
});
