import * as http from 'node:http';
import { expect } from '@playwright/test';
import { chromium } from '../playwright.config';
import { latestCode, test } from './helpers';

// The app is framed from another site: the parent is served on 127.0.0.1, the app on
// localhost, two sites to the browser. Chromium blocks third-party cookies, so only the
// partitioned (CHIPS) cookie of a framed flow can work.
test.use({ launchOptions: { ...chromium, args: [...chromium.args, '--test-third-party-cookie-phaseout'] } });

const APP = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
const ALLOWED_PARENT = 3101; // in RESET_FRAME_ANCESTORS (playwright.config.ts)
const OTHER_PARENT = 3102; // not allowed

function parentPage(port: number): string {
  const origin = encodeURIComponent(`http://127.0.0.1:${port}`);
  return `<!DOCTYPE html><html><head><title>Embedding site</title></head><body>
<h1>Account help</h1>
<iframe src="${APP}/reset?parent_origin=${origin}" title="Reset your password" style="width:100%;height:720px;border:0"></iframe>
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

test('a whole reset inside a cross-site frame, third-party cookies blocked', async ({ page, request }) => {
  const email = 'bob@example.com';
  await page.goto(`http://127.0.0.1:${ALLOWED_PARENT}/`);
  const frame = page.frameLocator('iframe');
  await frame.getByLabel('Email').fill(email);
  await frame.getByRole('button', { name: 'Send code' }).click();
  await expect(frame.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  await frame.getByLabel('Verification code').fill(await latestCode(request, email));
  await frame.getByRole('button', { name: 'Verify code' }).click();
  await expect(frame.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();

  const password = 'framed and still fine';
  await frame.getByLabel('New password', { exact: true }).fill(password);
  await frame.getByLabel('Confirm new password').fill(password);
  await frame.getByRole('button', { name: 'Change password' }).click();
  await expect(frame.getByRole('heading', { name: 'Password changed' })).toBeVisible();
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
  await other.close();
});
