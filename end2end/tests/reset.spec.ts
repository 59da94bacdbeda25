import { expect } from '@playwright/test';
import { expectNoReload, hydrated, latestCode, mailbox, ready, startReset, test, wrongCode } from './helpers';

const POOL = 'demo-user-pool';

test('a full reset through the three pages', async ({ page, request }, testInfo) => {
  const email = 'alice@example.com';
  const password = `a new passphrase ${testInfo.project.name}`;

  await page.goto('/reset');
  await ready(page, testInfo);
  await expect(page.getByText('Step 1 of 3')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveAttribute('autocomplete', 'email');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();

  await expect(page).toHaveURL(/\/reset\/code$/);
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  const codeField = page.getByLabel('Verification code');
  await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(codeField).toHaveAttribute('inputmode', 'numeric');
  await codeField.fill(await latestCode(request, email));
  await page.getByRole('button', { name: 'Verify code' }).click();

  await expect(page).toHaveURL(/\/reset\/password$/);
  await expect(page.getByText('Step 3 of 3')).toBeVisible();
  await expect(page.getByLabel('New password', { exact: true })).toHaveAttribute('autocomplete', 'new-password');
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(password);
  await page.getByRole('button', { name: 'Change password' }).click();

  await expect(page).toHaveURL(/\/reset\/done$/);
  await expect(page.getByRole('heading', { name: 'Password changed' })).toBeVisible();
  await expectNoReload(page, testInfo);

  // The progress is gone: the password page sends a person back to the start.
  await page.goto('/reset/password');
  await expect(page).toHaveURL(/\/reset\?error=no_flow$/);
  await expect(page.getByRole('alert')).toContainText('Enter your email to start again');
});

test('a wrong code is said, and the step and email are kept', async ({ page, request }, testInfo) => {
  const email = 'bob@example.com';
  await startReset(page, testInfo, email);

  const code = await latestCode(request, email);
  await page.getByLabel('Verification code').fill(wrongCode(code));
  await page.getByRole('button', { name: 'Verify code' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  await expect(page).toHaveURL(/\/reset\/code/);
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByLabel('Verification code')).toHaveAttribute('aria-invalid', 'true');

  // The right code still works after a wrong one.
  await page.getByLabel('Verification code').fill(code);
  await page.getByRole('button', { name: 'Verify code' }).click();
  await expect(page).toHaveURL(/\/reset\/password$/);
  await expectNoReload(page, testInfo);
});

test('a malformed email is said on the page and kept in the field', async ({ page }, testInfo) => {
  await page.goto('/reset');
  await ready(page, testInfo);
  await page.getByLabel('Email').fill('alice.example.com');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a valid email address');
  await expect(page.getByLabel('Email')).toHaveValue('alice.example.com');
  await expectNoReload(page, testInfo);
});

test('an email link opened in a fresh browser prefills and completes', async ({ page, browser, request }, testInfo) => {
  const email = 'zhang.wei@example.cn';
  await startReset(page, testInfo, email);
  const code = await latestCode(request, email);
  const mailsBefore = (await mailbox(request)).length;

  // Another browser: no cookie from step 1.
  const elsewhere = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: hydrated(testInfo),
  });
  const link = await elsewhere.newPage();
  await link.goto(`/reset/code?email=${encodeURIComponent(email)}&client_id=${POOL}&code=${code}`);
  await ready(link, testInfo);
  await expect(link.getByLabel('Verification code')).toHaveValue(code);
  await expect(link.getByText(email)).toBeVisible();
  // Opening the link submitted nothing.
  await expect(link).toHaveURL(/\/reset\/code\?/);
  expect((await mailbox(request)).length).toBe(mailsBefore);

  await link.getByRole('button', { name: 'Verify code' }).click();
  await expect(link).toHaveURL(/\/reset\/password$/);
  const password = 'typed on another device';
  await link.getByLabel('New password', { exact: true }).fill(password);
  await link.getByLabel('Confirm new password').fill(password);
  await link.getByRole('button', { name: 'Change password' }).click();
  await expect(link.getByRole('heading', { name: 'Password changed' })).toBeVisible();
  await elsewhere.close();
});

test('skipping ahead to the password page goes back to the start', async ({ page }) => {
  await page.goto('/reset/password');
  await expect(page).toHaveURL(/\/reset\?error=no_flow$/);
  await expect(page.getByRole('alert')).toContainText('Your reset has expired or was started elsewhere');
});

test('a new code can be asked for, and the page says it went out', async ({ page, request }, testInfo) => {
  const email = 'alice@example.com';
  await startReset(page, testInfo, email);
  const before = (await mailbox(request)).length;
  // The e2e server lets an address have a new code after 1 s.
  await page.waitForTimeout(1_200);
  await page.getByRole('button', { name: 'Send a new code' }).click();
  await expect(page.getByRole('status')).toContainText('We sent a new code');
  expect((await mailbox(request)).length).toBe(before + 1);
  // The new code works; the old one was replaced.
  await page.getByLabel('Verification code').fill(await latestCode(request, email));
  await page.getByRole('button', { name: 'Verify code' }).click();
  await expect(page).toHaveURL(/\/reset\/password$/);
  await expectNoReload(page, testInfo);
});
