// The Playwright config of the docs' example (docs/testing.md): Debian's Chromium, as every
// browser test here (Playwright's own browser downloads fail on these machines).
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

export default defineConfig({
  testDir: 'e2e',
  forbidOnly: true,
  outputDir: '../../node_modules/.cache/playwright-example',
  use: { launchOptions: { executablePath: chromiumPath, args: chromiumArgs } },
});
