import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, type APIRequestContext, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { chromium } from '../playwright.config';
import { hydrated, latestCode, test, watchErrors, wrongCode } from './helpers';

// The app is framed from another site: the parent is served on 127.0.0.1, the app on
// localhost, two sites to the browser. Chromium blocks third-party cookies, so only the
// partitioned (CHIPS) cookie of a framed flow can work.
test.use({ launchOptions: { ...chromium, args: [...chromium.args, '--test-third-party-cookie-phaseout'] } });

const APP = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
const ALLOWED_PARENT = 3101; // in RESET_FRAME_ANCESTORS (playwright.config.ts)
const OTHER_PARENT = 3102; // not allowed

// The README's copy-paste snippet, plus a record of every message for the test to read.
function parentPage(port: number): string {
  const origin = encodeURIComponent(`http://127.0.0.1:${port}`);
  return `<!DOCTYPE html><html><head><title>Embedding site</title></head><body>
<h1>Account help</h1>
<iframe id="authing-reset" src="${APP}/reset?parent_origin=${origin}" title="Reset your password"
  style="width:100%;border:0;height:32rem"></iframe>
<script>
  window.received = [];
  window.addEventListener('message', (event) => {
    window.received.push({ origin: event.origin, data: event.data });
    if (event.origin !== '${APP}') return;
    const message = event.data;
    if (!message || message.source !== 'authing-reset' || message.version !== 1) return;
    const frame = document.getElementById('authing-reset');
    if (message.type === 'resize') frame.style.height = message.height + 'px';
    if (message.type === 'done') document.title = 'Password changed';
  });
</script>
</body></html>`;
}

let servers: http.Server[] = [];

test.beforeAll(async () => {
  servers = await Promise.all(
    [ALLOWED_PARENT, OTHER_PARENT].map(
      (port) =>
        new Promise<http.Server>((resolve) => {
          const server = http.createServer((_, res) => {
            res.writeHead(200, { 'content-type': 'text/html' });
            res.end(parentPage(port));
          });
          server.listen(port, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** A whole reset inside the allowed parent's frame, as a person would do it; with JavaScript,
 * checks every message the parent received. */
async function resetInFrame(page: Page, request: APIRequestContext, testInfo: TestInfo, email: string) {
  await page.goto(`http://127.0.0.1:${ALLOWED_PARENT}/`);
  const frame = page.frameLocator('iframe');
  if (hydrated(testInfo)) await expect(frame.locator('html[data-hydrated]')).toHaveCount(1);
  await frame.getByLabel('Email').fill(email);
  await frame.getByRole('button', { name: 'Send code' }).click();
  await expect(frame.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  const code = await latestCode(request, email);
  await frame.getByLabel('Verification code').fill(wrongCode(code));
  await frame.getByRole('button', { name: 'Verify code' }).click();
  await expect(frame.getByRole('alert')).toContainText('That code is not right');
  await frame.getByLabel('Verification code').fill(code);
  await frame.getByRole('button', { name: 'Verify code' }).click();
  await expect(frame.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();

  const password = 'framed and still fine';
  await frame.getByLabel('New password', { exact: true }).fill(password);
  await frame.getByLabel('Confirm new password').fill(password);
  await frame.getByRole('button', { name: 'Change password' }).click();
  await expect(frame.getByRole('heading', { name: 'Password changed' })).toBeVisible();

  if (!hydrated(testInfo)) return; // messages are the WASM client's; the parent has no script either
  await expect(page).toHaveTitle('Password changed');
  const received: { origin: string; data: any }[] = await page.evaluate(() => (window as any).received);
  for (const { origin, data } of received) {
    expect(origin).toBe(APP);
    expect(data).toMatchObject({ source: 'authing-reset', version: 1 });
    expect(JSON.stringify(data)).not.toContain(email);
    expect(JSON.stringify(data)).not.toContain(code);
  }
  const steps = received.filter((m) => m.data.type === 'step').map((m) => m.data.step);
  expect(steps).toEqual(['email', 'code', 'password', 'done']);
  expect(received.filter((m) => m.data.type === 'error').map((m) => m.data.code)).toContain('wrong_code');
  expect(received.filter((m) => m.data.type === 'done')).toHaveLength(1);
  const heights = received.filter((m) => m.data.type === 'resize').map((m) => m.data.height);
  expect(heights.length).toBeGreaterThan(0);
  const frameHeight = await page.locator('#authing-reset').evaluate((el) => (el as HTMLElement).style.height);
  expect(frameHeight).toBe(`${heights[heights.length - 1]}px`);
}

test('a whole reset inside a cross-site frame, third-party cookies blocked', async ({ page, request }, testInfo) => {
  await resetInFrame(page, request, testInfo, 'bob@example.com');
});

/** A browser that keeps no cookie at all, for any site (Chromium's "block all cookies"). */
async function cookielessBrowser(playwright: any, testInfo: TestInfo): Promise<BrowserContext> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'authing-reset-no-cookies-'));
  fs.mkdirSync(path.join(profile, 'Default'));
  fs.writeFileSync(
    path.join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }),
  );
  return playwright.chromium.launchPersistentContext(profile, {
    ...chromium,
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: hydrated(testInfo),
  });
}

test('a whole reset inside a frame, in a browser that keeps no cookie at all', async ({ playwright, request }, testInfo) => {
  const context = await cookielessBrowser(playwright, testInfo);
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    watchErrors(page, errors);
    await resetInFrame(page, request, testInfo, 'zhang.wei@example.cn');
    expect(await context.cookies(), 'the browser kept no cookie').toEqual([]);
  } finally {
    await context.close();
  }
  expect(errors).toEqual([]);
});

test('a whole reset at top level with JavaScript, in a browser that keeps no cookie', async ({ playwright, request }, testInfo) => {
  test.skip(!hydrated(testInfo), 'without JavaScript and without cookies, step 1 at top level has nowhere to keep the progress (see README)');
  const context = await cookielessBrowser(playwright, testInfo);
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    watchErrors(page, errors);
    const email = 'alice@example.com';
    await page.goto('/reset');
    await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await page.getByLabel('Verification code').fill(await latestCode(request, email));
    await page.getByRole('button', { name: 'Verify code' }).click();
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await page.getByLabel('New password', { exact: true }).fill('no cookies at all');
    await page.getByLabel('Confirm new password').fill('no cookies at all');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('heading', { name: 'Password changed' })).toBeVisible();
    expect(await context.cookies()).toEqual([]);
  } finally {
    await context.close();
  }
  expect(errors).toEqual([]);
});

test('a parent that is not allowed gets no page', async ({ context }) => {
  const other = await context.newPage();
  const refusals: string[] = [];
  other.on('console', (m) => refusals.push(m.text()));
  await other.goto(`http://127.0.0.1:${OTHER_PARENT}/`);
  await expect
    .poll(() => refusals.some((text) => /frame-ancestors/.test(text)), { timeout: 10_000 })
    .toBe(true);
  await expect(other.frameLocator('iframe').getByLabel('Email')).toHaveCount(0);
  expect(await other.evaluate(() => (window as any).received ?? [])).toEqual([]);
  await other.close();
});
