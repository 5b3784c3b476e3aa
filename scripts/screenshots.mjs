#!/usr/bin/env node
// `npm run screenshots`: PNGs of each callback screen (success, retry, admin approval, error)
// and of the export progress, light and dark, taken from the running demo in Chromium, plus a
// provider page and a mock provider page. Written to docs/screenshots/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flows } from '../test/e2e/flows.mjs';
import { launchChromium, startStack, until } from '../test/e2e/harness.mjs';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots');
mkdirSync(out, { recursive: true });
const demo = await startStack({ exportDelays: { google_data: 1200, gmail: 4000 } });
const browser = await launchChromium();
const f = flows(demo);
const shots = [];

async function shoot(page, name) {
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file });
  shots.push(path.relative(process.cwd(), file));
}

// Emerge outcomes, one per screen, through the redirect flow.
const screens = [
  ['success', 'success'],
  ['user_failed', 'retry'],
  ['admin_policy_enforced', 'admin-approval'],
  ['data_invalid', 'error'],
];

for (const colorScheme of ['light', 'dark']) {
  const context = await browser.newContext({ colorScheme, viewport: { width: 720, height: 560 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  for (const [outcome, screen] of screens) {
    await f.openProviderPage(page, 'emerge', 'redirect');
    if (outcome === 'success') await shoot(page, `provider-page-${colorScheme}`);
    await f.redirectToProvider(page);
    if (outcome === 'success') await shoot(page, `mock-emerge-consent-${colorScheme}`);
    await f.choose(page, outcome);
    await page.locator(`.rcf[data-provider][data-state="${screen}"]`).waitFor();
    // Let the heading focus ring and fonts settle.
    await page.waitForTimeout(150);
    await shoot(page, `screen-${screen}-${colorScheme}`);
    if (outcome === 'success') {
      const progress = page.getByTestId('export');
      await until(
        async () => (await progress.locator('[data-state]').count()) > 0,
        'export progress',
      );
      await until(
        async () => (await progress.textContent()).match(/ready/i),
        'a first provider ready',
      );
      await progress.scrollIntoViewIfNeeded();
      await shoot(page, `export-progress-${colorScheme}`);
      await until(
        async () =>
          (await progress.locator('[data-state]').first().getAttribute('data-state')) === 'ready',
        'all ready',
      );
      await shoot(page, `export-ready-${colorScheme}`);
    }
  }
  await context.close();
}

await browser.close();
await demo.close();
console.log(`Saved ${shots.length} screenshots:\n  ${shots.join('\n  ')}`);
