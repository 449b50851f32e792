/**
 * The playground in a real browser: the Chromium shipped in the npm package @sparticuz/chromium
 * (no system package, no download), driven by playwright-core. Types the command, fills the
 * connect form, clicks Connect (Action.Execute) and waits for the Active card with the asset count.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type Emulator, SAMPLE, sampleWorld } from '../../src/emulator';
import { type Harness, startApp } from '../support/app-harness';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../support/chromium';
import { startTestEmulator } from '../support/emulator';

const OUT = resolve('test-output/playground');

let emu: Emulator;
let h: Harness;
let browser: Browser | undefined;

beforeAll(async () => {
  emu = await startTestEmulator({ world: sampleWorld(), throttle: false });
  h = await startApp(emu);
});
afterAll(async () => {
  await browser?.close();
  await h.app.close();
  await emu.close();
});

async function openPlayground(): Promise<Page> {
  const executablePath = await chromiumExecutablePath();
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${h.app.url}/`);
  await page.locator('body[data-ready="true"]').waitFor();
  expect(errors).toEqual([]);
  return page;
}

describe('playground in chromium', () => {
  it('/osto connect azure → form → Connect → progress in place → Active with 137 assets', async () => {
    const t0 = Date.now();
    const page = await openPlayground();
    await page.getByText('Local playground — not Teams').waitFor();

    await page.getByPlaceholder('Type a command, e.g. /osto connect azure').fill('/osto connect azure');
    await page.keyboard.press('Enter');
    const card = page.locator('.row.bot .ac-adaptiveCard').last();
    const secret = card.getByLabel('Client Secret');
    await secret.waitFor();
    expect(await secret.getAttribute('type')).toBe('password');
    const formRow = page.locator('.row.bot').last();
    const formId = await formRow.getAttribute('data-activity-id');
    expect(formId).toBeTruthy();

    // Client-side validation, as in Teams: an empty form never leaves the browser.
    const before = emu.requests.length;
    await card.getByRole('button', { name: 'Connect', exact: true }).click();
    await card.getByText('Paste the client secret').first().waitFor();
    expect(emu.requests.length).toBe(before);

    const c = SAMPLE.credentials.good;
    await card.getByLabel('Name').fill('Production');
    await card.getByLabel('Subscription ID').fill(c.subscriptionId);
    await card.getByLabel('Client ID').fill(c.clientId);
    await secret.fill(c.clientSecret);
    await card.getByLabel('Tenant ID').fill(c.tenantId);

    // Record every text the form's message shows from now on: the cards that replace it.
    // (A string, evaluated in the page: this project's TypeScript has no DOM types.)
    await page.evaluate(`(() => {
      const row = document.querySelector('[data-activity-id="${formId}"]');
      window.seen = [];
      new MutationObserver(() => window.seen.push(row.textContent)).observe(row, { subtree: true, childList: true });
    })()`);
    await card.getByRole('button', { name: 'Connect', exact: true }).click();

    const result = page.locator(`[data-activity-id="${formId}"]`);
    await result.getByText('Production is Active').waitFor({ timeout: 30_000 });
    await expect(result.textContent()).resolves.toContain('137');
    await expect(result.textContent()).resolves.toContain('Contoso Production');

    // In place: the same message went form → progress → result; no new message; no secret input left.
    const seen = (await page.evaluate('window.seen')) as string[];
    expect(seen.some((t) => /Connecting Production/.test(t))).toBe(true);
    expect(await page.locator('.row.bot').count()).toBe(1);
    expect(await page.locator('input[type="password"]').count()).toBe(0);
    expect(await page.getByPlaceholder("Paste the secret's Value").count()).toBe(0);
    expect(await page.content()).not.toContain(c.clientSecret);

    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, 'connected.png') });
    expect(existsSync(join(OUT, 'connected.png'))).toBe(true);
    process.stdout.write(`playground browser flow: ${Date.now() - t0} ms (launch included)\n`);
  }, 60_000);
});
