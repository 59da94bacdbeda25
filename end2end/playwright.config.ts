import { defineConfig } from '@playwright/test';

// The app under test: the server binary built by `cargo leptos build`, in demo mode (its
// built-in Authing emulator answers), on a port of its own.
const port = Number(process.env.E2E_PORT ?? 3100);
const bin = process.env.E2E_BIN ?? 'target/debug/authing-reset';
export const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium: Playwright cannot download its own browsers here.
export const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  // Tests share the demo mailbox; one at a time keeps each code where its test looks.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: chromium,
    trace: 'retain-on-failure',
  },
  // Every test runs twice: with the WASM client, and as a plain HTML page.
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
  ],
  webServer: [{
    command: bin,
    cwd: '..',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: 'target/site',
      LEPTOS_SITE_PKG_DIR: 'pkg',
      LEPTOS_OUTPUT_NAME: 'authing-reset',
      RUST_LOG: 'warn',
      // Each project resets the same demo accounts a few seconds apart; the server's
      // per-address wait (60 s by default) would refuse the second project's sends.
      RESET_RESEND_SECS: '1',
      RESET_SENDS_PER_EMAIL_PER_HOUR: '50',
      // Every test asks for codes from 127.0.0.1: more than the default 20 per 10 minutes.
      RESET_SENDS_PER_IP_PER_10_MIN: '1000',
      // The embedding page of tests/frame.spec.ts, on another site (127.0.0.1 vs localhost).
      RESET_FRAME_ANCESTORS: 'http://127.0.0.1:3101',
    },
  }, {
    // A second server with the default-like wait between codes, for the countdown test.
    command: bin,
    cwd: '..',
    url: `http://127.0.0.1:${port + 3}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port + 3}`,
      LEPTOS_SITE_ROOT: 'target/site',
      LEPTOS_SITE_PKG_DIR: 'pkg',
      LEPTOS_OUTPUT_NAME: 'authing-reset',
      RUST_LOG: 'warn',
      RESET_RESEND_SECS: '30',
      RESET_SENDS_PER_EMAIL_PER_HOUR: '50',
    },
  }],
});
