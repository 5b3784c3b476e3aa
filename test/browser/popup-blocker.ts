import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { startMockProviders } from '../../src/testing/index';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

/*
 * A playwright-core scenario run in node (vitest browser mode cannot do it: Playwright passes
 * --disable-popup-blocking, and its evaluate calls carry a user gesture). Here
 * Chromium's popup blocker is on, the page is clicked for real, and results are read from the
 * console only. Returns what each case printed.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

export async function runPopupBlocker(delay = 6000) {
  const providers = await startMockProviders();
  const vite = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await vite.listen();
  const app = `http://127.0.0.1:${(vite.httpServer?.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    ignoreDefaultArgs: ['--disable-popup-blocking'],
  });
  const page = (query: string) =>
    browser.newPage().then(async (tab) => {
      const printed = new Map<string, string>();
      tab.on('console', (message) => {
        const match = /^rcf:([\w:]+)=(.*)$/.exec(message.text());
        if (match) printed.set(match[1]!, match[2]!);
      });
      await tab.goto(
        `${app}/test/browser/gesture.html?providers=${encodeURIComponent(providers.origin)}&${query}`,
      );
      return { tab, printed };
    });
  const until = async ({ printed }: { printed: Map<string, string> }, ...names: string[]) => {
    for (let waited = 0; !names.every((name) => printed.has(name)); waited += 50) {
      if (waited > 20_000) throw new Error(`no ${names.join(', ')}: ${[...printed]}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return Object.fromEntries(printed);
  };
  try {
    // 1. Real clicks; both launches wait `delay` ms, longer than transient activation.
    const clicked = await page(`delay=${delay}`);
    const popups: Page[] = [];
    clicked.tab.on('popup', (popup) => popups.push(popup));
    await clicked.tab.click('#connect');
    const popupsAfterClick = await new Promise<number>((resolve) =>
      setTimeout(() => resolve(popups.length), 500),
    );
    await clicked.tab.click('#naive');
    const click = await until(clicked, 'click', 'naive');
    // 2. open() from a timer, with no gesture: popup mode reports it, auto mode redirects.
    const timerPopup = await until(await page('case=timer-popup'), 'timer');
    const timerAuto = await until(await page('case=timer-auto'), 'timer:status', 'redirected');
    return { popupsAfterClick, popups: popups.length, click, timerPopup, timerAuto };
  } finally {
    await browser.close();
    await vite.close();
    await providers.close();
  }
}
