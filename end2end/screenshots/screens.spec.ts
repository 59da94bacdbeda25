import * as path from 'node:path';
import { expect, test } from '@playwright/test';

const OUT = path.join(__dirname, '..', '..', 'docs', 'screenshots');

const TEXT = {
  en: { send: 'Send code', verify: 'Verify code', change: 'Change password', email: 'Email', code: 'Verification code', password: 'New password', confirm: 'Confirm new password', done: 'Password changed' },
  'zh-CN': { send: '发送验证码', verify: '验证', change: '修改密码', email: '电子邮箱', code: '验证码', password: '新密码', confirm: '确认新密码', done: '密码已修改' },
};

async function latestCode(request: any, email: string): Promise<string> {
  const mails: { to: string; code: string }[] = await (await request.get('/demo/mailbox.json')).json();
  return mails.filter((m) => m.to === email).pop()!.code;
}

for (const lang of ['en', 'zh-CN'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`${lang} ${scheme} at phone width`, async ({ browser, request }) => {
      const t = TEXT[lang];
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 360, height: 740 }, locale: lang });
      const page = await context.newPage();
      const shot = (name: string) => page.screenshot({ path: path.join(OUT, `${lang}-${scheme}-${name}.png`), fullPage: true });
      const email = lang === 'en' ? 'alice@example.com' : 'zhang.wei@example.cn';

      await page.goto(`/reset?lang=${lang}`);
      await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
      await shot('1-email');
      await page.getByLabel(t.email).fill(email);
      await page.getByRole('button', { name: t.send }).click();
      await expect(page.getByLabel(t.code)).toBeVisible();
      await shot('2-code');
      await page.getByLabel(t.code).fill(await latestCode(request, email));
      await page.getByRole('button', { name: t.verify, exact: true }).click();
      const password = page.getByLabel(t.password, { exact: true });
      await expect(password).toBeVisible();
      await password.fill('river lanterns');
      await page.getByLabel(t.confirm).fill('river lantern');
      await expect(page.locator('#strength meter')).toBeVisible();
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await shot('3-password');
      const strong = 'calm river under paper lanterns';
      await password.fill(strong);
      await page.getByLabel(t.confirm).fill(strong);
      await page.getByRole('button', { name: t.change }).click();
      await expect(page.getByRole('heading', { name: t.done })).toBeVisible();
      await shot('4-done');
      await context.close();
    });
  }
}

test('en light at desktop width', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto('/reset?lang=en');
  await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
  await page.screenshot({ path: path.join(OUT, 'en-light-desktop.png') });
  await context.close();
});
