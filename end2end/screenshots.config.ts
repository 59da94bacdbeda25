import { defineConfig } from '@playwright/test';
import config, { chromium } from './playwright.config';

// Renders every step to PNGs under docs/screenshots/ (scripts/screenshots.sh): both
// languages, light and dark, at phone width; plus the first step at desktop width.
const main = (config.webServer as any[])[0];

export default defineConfig({
  testDir: './screenshots',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { baseURL: config.use!.baseURL, launchOptions: chromium },
  webServer: main,
});
