// Chromium (Debian's) through Playwright, with its popup blocker on: clicks still open popups,
// scripts alone do not.
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { defaultTimeout, Tab } from './tab.mjs';

/** `backForwardCache`: as users get it (Playwright turns the cache off by default). */
const launch = (backForwardCache) =>
  chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    ignoreDefaultArgs: [
      '--disable-popup-blocking',
      ...(backForwardCache ? ['--disable-back-forward-cache'] : []),
    ],
  });

/** Page errors and dialogs (a script that ran where none should) from every page. */
function reportErrors(page, errors) {
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
}

class ChromiumTab extends Tab {
  constructor(session, page) {
    super(session);
    this.page = page;
  }

  runExpression(source) {
    return this.page.evaluate(source);
  }

  clickElement(selector) {
    return this.page.locator(selector).first().click();
  }

  async navigate(url, wait) {
    await this.page.goto(url, { waitUntil: wait });
  }

  address() {
    return this.page.url();
  }

  async waitForPopup(action) {
    const [popup] = await Promise.all([this.page.waitForEvent('popup'), action()]);
    return new ChromiumTab(this.session, popup);
  }

  isClosed() {
    return this.page.isClosed();
  }

  close() {
    return this.page.close();
  }

  async reload() {
    await this.page.reload();
  }

  /** How many windows (tabs and popups) the session has open. */
  windowCount() {
    return this.page.context().pages().length;
  }

  async openTab() {
    return new ChromiumTab(this.session, await this.page.context().newPage());
  }
}

export async function launchChromium() {
  const browser = await launch(false);
  let cachingBrowser;
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    /** A fresh context (its own storage) with one tab. */
    async newSession({ colorScheme = 'light', backForwardCache = false } = {}) {
      if (backForwardCache) cachingBrowser ??= await launch(true);
      const context = await (backForwardCache ? cachingBrowser : browser).newContext({
        colorScheme,
      });
      context.setDefaultTimeout(defaultTimeout);
      const session = { errors: [], close: () => context.close() };
      context.on('page', (page) => reportErrors(page, session.errors));
      session.tab = new ChromiumTab(session, await context.newPage());
      return session;
    },
    async close() {
      await browser.close();
      await cachingBrowser?.close();
    },
  };
}
