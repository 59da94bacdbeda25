import { expect } from '@playwright/test';
import { hydrated, latestCode, startReset, test } from './helpers';

// Step 3's guidance: said while typing with JavaScript, on submit without it; a password
// zxcvbn rates very weak is refused with its advice, in the page's language.

async function toPasswordPage(page: any, request: any, testInfo: any, email: string) {
  await startReset(page, testInfo, email);
  await page.getByLabel('Verification code').fill(await latestCode(request, email));
  await page.getByRole('button', { name: 'Verify code' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
}

test('length, match and strength are said while typing', async ({ page, request }, testInfo) => {
  test.skip(!hydrated(testInfo), 'live guidance needs JavaScript; the no-JS checks are the next test');
  await toPasswordPage(page, request, testInfo, 'zhang.wei@example.cn');
  const password = page.getByLabel('New password', { exact: true });
  const confirm = page.getByLabel('Confirm new password');
  const hint = page.locator('#password-hint');
  await expect(hint).toHaveText('At least 8 characters, at most 117 bytes.');

  await password.fill('short');
  await expect(hint).toContainText('3 more characters needed');
  // 40 Chinese characters are 120 bytes of UTF-8: over what Authing's key carries.
  await password.fill('密'.repeat(40));
  await expect(hint).toContainText('Too long: 120 bytes');
  await password.fill('password');
  await expect(hint).toContainText('Length is fine');
  await expect(page.locator('#strength')).toContainText('Very weak');
  await expect(page.locator('#strength')).toContainText('top-10 common password');

  await confirm.fill('passwore');
  await expect(page.locator('#confirm-hint')).toHaveText('The two passwords do not match yet.');
  await confirm.fill('password');
  await expect(page.locator('#confirm-hint')).toHaveText('The two passwords match.');

  // Show and hide both fields.
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Show passwords' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(confirm).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: 'Hide passwords' }).click();
  await expect(password).toHaveAttribute('type', 'password');

  // Very weak is refused, with the advice.
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toContainText('too easy to guess');
  await expect(page.getByRole('alert')).toContainText('top-10 common password');
  await expect(password).toBeFocused();

  const strong = 'lanterns drift over quiet harbours';
  await password.fill(strong);
  await expect(page.locator('#strength')).toContainText(/Strong|Very strong/);
  await confirm.fill(strong);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Password changed' })).toBeVisible();
});

test('without JavaScript the same checks answer on submit', async ({ page, request }, testInfo) => {
  test.skip(hydrated(testInfo), 'the hydrated page checks while typing (previous test)');
  await toPasswordPage(page, request, testInfo, 'zhang.wei@example.cn');
  const submit = async (password: string, confirm: string) => {
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('Confirm new password').fill(confirm);
    await page.getByRole('button', { name: 'Change password' }).click();
  };
  await submit('short', 'short');
  await expect(page.getByRole('alert')).toContainText('at least 8 characters');
  await submit('密'.repeat(40), '密'.repeat(40));
  await expect(page.getByRole('alert')).toContainText('too long');
  await submit('a long enough phrase', 'a different phrase');
  await expect(page.getByRole('alert')).toContainText('do not match');
  await submit('password', 'password');
  await expect(page.getByRole('alert')).toContainText('too easy to guess');
  await expect(page.getByRole('alert')).toContainText('top-10 common password');
  // In Chinese too.
  await page.getByRole('link', { name: '简体中文' }).click();
  await expect(page.getByRole('alert')).toContainText('这个密码太容易被猜到');
  await expect(page.getByRole('alert')).toContainText('最常见的 10 个密码之一');
  const strong = 'lanterns drift over quiet harbours';
  await page.getByLabel('新密码', { exact: true }).fill(strong);
  await page.getByLabel('确认新密码').fill(strong);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('heading', { name: '密码已修改' })).toBeVisible();
});

test('the resend button counts down from the server\'s wait', async ({ page, request }, testInfo) => {
  test.skip(!hydrated(testInfo), 'without JavaScript the button is a plain form (a click too early says how long is left)');
  // The second e2e server waits 30 s between codes.
  const other = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 3}`;
  await page.goto(`${other}/reset`);
  await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
  await page.getByLabel('Email').fill('alice@example.com');
  await page.getByRole('button', { name: 'Send code' }).click();
  const resend = page.getByRole('button', { name: /Send a new code in \d+ s/ });
  await expect(resend).toBeDisabled();
  const first = Number((await resend.textContent())!.match(/(\d+) s/)![1]);
  expect(first).toBeGreaterThan(20);
  expect(first).toBeLessThanOrEqual(30);
  await expect.poll(async () => Number((await resend.textContent())!.match(/(\d+) s/)![1])).toBeLessThan(first);
});
