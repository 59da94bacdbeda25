import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { hydrated, latestCode, ready, test, wrongCode } from './helpers';

// Every page of the flow, in both languages, at phone and desktop width, with and without
// JavaScript (the two projects): axe-core finds nothing, the language is kept across steps
// and `<html lang>` follows it.

const LANGS = [
  { lang: 'en', heading: ['Reset your password', 'Check your email', 'Choose a new password', 'Password changed'],
    email: 'Email', code: 'Verification code', password: 'New password', confirm: 'Confirm new password',
    send: 'Send code', verify: 'Verify code', change: 'Change password', wrong: 'That code is not right' },
  { lang: 'zh-CN', heading: ['重置密码', '查收邮件', '设置新密码', '密码已修改'],
    email: '电子邮箱', code: '验证码', password: '新密码', confirm: '确认新密码',
    send: '发送验证码', verify: '验证', change: '修改密码', wrong: '验证码不正确' },
];
const WIDTHS = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1280, height: 800 },
];
const ACCOUNTS = ['alice@example.com', 'bob@example.com', 'zhang.wei@example.cn', 'alice@example.com'];

/** Runs axe-core on `page` as it is. axe is a script: for a page without JavaScript, its
 * HTML (scripts removed) is checked in a scripted page of the same size and colour scheme,
 * with the same stylesheets. */
async function noViolations(page: Page, where: string, js: boolean) {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
  let results;
  if (js) {
    results = await new AxeBuilder({ page }).withTags(tags).analyze();
  } else {
    const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
    const base = new URL(page.url()).origin;
    const context = await page.context().browser()!.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true });
    const copy = await context.newPage();
    await copy.setContent(html.replace('<head>', `<head><base href="${base}/">`), { waitUntil: 'load' });
    results = await new AxeBuilder({ page: copy }).withTags(tags).analyze();
    await context.close();
  }
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `axe on ${where}`).toEqual([]);
}

let account = 0;

for (const l of LANGS) {
  for (const size of WIDTHS) {
    test(`every page is accessible in ${l.lang} at ${size.name} width`, async ({ page, request }, testInfo: TestInfo) => {
      const email = ACCOUNTS[account++ % ACCOUNTS.length];
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`/reset?lang=${l.lang}`);
      await ready(page, testInfo);
      await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.heading[0]);
      await noViolations(page, 'step 1', hydrated(testInfo));

      // An error on step 1, announced and tied to its field.
      await page.getByLabel(l.email).fill('not an email');
      await page.getByRole('button', { name: l.send }).click();
      await expect(page.getByLabel(l.email)).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByLabel(l.email)).toHaveAttribute('aria-describedby', /form-error/);
      await noViolations(page, 'step 1 with an error', hydrated(testInfo));

      await page.getByLabel(l.email).fill(email);
      await page.getByRole('button', { name: l.send }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.heading[1]);
      await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
      if (hydrated(testInfo)) await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      const code = page.getByLabel(l.code);
      await expect(code).toHaveAttribute('inputmode', 'numeric');
      await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
      await noViolations(page, 'step 2', hydrated(testInfo));

      const right = await latestCode(request, email);
      await code.fill(wrongCode(right));
      await page.getByRole('button', { name: l.verify, exact: true }).click();
      await expect(page.getByRole('alert')).toContainText(l.wrong);
      if (hydrated(testInfo)) await expect(code).toBeFocused();
      await noViolations(page, 'step 2 with an error', hydrated(testInfo));

      await code.fill(right);
      await page.getByRole('button', { name: l.verify, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.heading[2]);
      await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
      await expect(page.getByLabel(l.password, { exact: true })).toHaveAttribute('autocomplete', 'new-password');
      await expect(page.getByLabel(l.confirm)).toHaveAttribute('autocomplete', 'new-password');
      await noViolations(page, 'step 3', hydrated(testInfo));

      const password = `calm river under paper lanterns ${testInfo.project.name}`;
      await page.getByLabel(l.password, { exact: true }).fill(password);
      await page.getByLabel(l.confirm).fill(password);
      if (hydrated(testInfo)) await expect(page.locator('#strength meter')).toBeVisible();
      await noViolations(page, 'step 3 typed', hydrated(testInfo));
      await page.getByRole('button', { name: l.change }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.heading[3]);
      await expect(page.locator('html')).toHaveAttribute('lang', l.lang);
      await noViolations(page, 'the done page', hydrated(testInfo));
    });
  }
}

test('the language follows Accept-Language, and the switch changes it', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: hydrated(testInfo) });
  const page = await context.newPage();
  await page.goto('/reset');
  await ready(page, testInfo);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('重置密码');
  await page.getByLabel('电子邮箱').fill('typed before switching');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reset your password');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(/lang=en/);
  if (hydrated(testInfo)) {
    // Switched in place: what was typed is still there.
    await expect(page.getByLabel('Email')).toHaveValue('typed before switching');
  }
  await context.close();
});

test('the whole flow works by keyboard alone', async ({ page, request }, testInfo) => {
  const email = 'bob@example.com';
  await page.goto('/reset');
  await ready(page, testInfo);
  const tabTo = async (id: string) => {
    for (let i = 0; i < 15; i++) {
      if (await page.evaluate((id) => document.activeElement?.id === id, id)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached #${id}`);
  };
  await tabTo('email');
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await tabTo('code');
  await page.keyboard.type(await latestCode(request, email));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  const password = 'keyboard only and still fine';
  await tabTo('password');
  await page.keyboard.type(password);
  await tabTo('confirm');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Password changed' })).toBeVisible();
});
