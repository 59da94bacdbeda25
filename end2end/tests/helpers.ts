import { test as base, expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';

/**
 * Playwright's `test`, failing any test whose page threw an uncaught error (a broken WASM) or
 * logged a Content-Security-Policy violation.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      watchErrors(page, errors);
      await use(errors);
      expect(errors, 'no uncaught errors or CSP violations in the page').toEqual([]);
    },
    { auto: true },
  ],
});

/** Records `page`'s uncaught errors and CSP violations into `errors`. */
export function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content.Security.Policy|Refused to (execute|load|apply|connect|frame)/i.test(text)) errors.push(text);
  });
}

/** The last code the demo emulator "emailed" to `email`. */
export async function latestCode(request: APIRequestContext, email: string): Promise<string> {
  const mails = await mailbox(request);
  const mail = mails.filter((m) => m.to === email).pop();
  expect(mail, `a code was sent to ${email}`).toBeTruthy();
  return mail!.code;
}

/** Everything in the demo mailbox. */
export async function mailbox(request: APIRequestContext): Promise<{ to: string; code: string }[]> {
  const answer = await request.get('/demo/mailbox.json');
  expect(answer.ok()).toBeTruthy();
  return answer.json();
}

/** A code that is certainly not `code`. */
export function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

/** Whether this run has the WASM client. */
export function hydrated(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/**
 * Waits until the page is ready to be used: with JavaScript, until the WASM client has
 * hydrated it (it marks `<html data-hydrated>`), and marks the window so that a full page
 * load can be told from a client-side navigation.
 */
export async function ready(page: Page, testInfo: TestInfo): Promise<void> {
  if (!hydrated(testInfo)) return;
  await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
  await page.evaluate(() => ((window as any).__sameDocument = true));
}

/** With JavaScript, asserts the page was never reloaded since `ready`. */
export async function expectNoReload(page: Page, testInfo: TestInfo): Promise<void> {
  if (!hydrated(testInfo)) return;
  expect(await page.evaluate(() => (window as any).__sameDocument === true)).toBe(true);
}

/** Step 1 for `email`, from a fresh `/reset`, ending on the code page. */
export async function startReset(page: Page, testInfo: TestInfo, email: string): Promise<void> {
  await page.goto('/reset');
  await ready(page, testInfo);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page).toHaveURL(/\/reset\/code$/);
}
