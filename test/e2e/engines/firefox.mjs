// Firefox ESR (Debian's) through puppeteer-core over WebDriver BiDi. Puppeteer's profile turns
// the popup blocker off; the pref turns it back on, as users have it. The back-forward cache
// is on by default.
import puppeteer from 'puppeteer-core';
import { defaultTimeout, Tab, until } from './tab.mjs';

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** `dark`: the content's prefers-color-scheme, through Firefox's own override pref. */
const launch = (colorScheme) =>
  puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    protocolTimeout: 180_000,
    extraPrefsFirefox: {
      'dom.disable_open_during_load': true,
      // 0 dark, 1 light (what `prefers-color-scheme` reports to pages).
      'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
    },
  });

/** Page errors and dialogs (a script that ran where none should) from every page. */
function reportErrors(page, errors) {
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.setDefaultTimeout(defaultTimeout);
}

class FirefoxTab extends Tab {
  constructor(session, page) {
    super(session);
    this.page = page;
    reportErrors(page, session.errors);
  }

  runExpression(source) {
    return this.page.evaluate(source);
  }

  async clickElement(selector) {
    await this.page.click(selector);
  }

  async navigate(url, wait) {
    if (wait === 'commit') {
      // Let the page leave again by itself; read where it went with `address()`.
      void this.page.goto(url).catch(() => {});
      await until(() => this.page.url() !== 'about:blank', 'the navigation to start');
      return;
    }
    await this.page.goto(url, { waitUntil: 'load' });
  }

  address() {
    return this.page.url();
  }

  async waitForPopup(action) {
    const popup = new Promise((resolve) => this.page.once('popup', resolve));
    await action();
    return new FirefoxTab(this.session, await popup);
  }

  isClosed() {
    return this.page.isClosed();
  }

  close() {
    return this.page.close();
  }

  async reload() {
    await this.page.reload({ waitUntil: 'load' });
  }

  /** How many windows (tabs and popups) the session has open. */
  async windowCount() {
    return (await this.page.browserContext().pages()).length;
  }

  async openTab() {
    return new FirefoxTab(this.session, await this.page.browserContext().newPage());
  }
}

export async function launchFirefox() {
  const browsers = { light: await launch('light') };
  return {
    name: 'firefox',
    version: await browsers.light.version(),
    /** A fresh browser context (its own storage) with one tab. The cache is always on. */
    async newSession({ colorScheme = 'light' } = {}) {
      browsers[colorScheme] ??= await launch(colorScheme);
      const context = await browsers[colorScheme].createBrowserContext();
      const session = { errors: [], close: () => context.close() };
      session.tab = new FirefoxTab(session, await context.newPage());
      return session;
    },
    async close() {
      await Promise.all(Object.values(browsers).map((browser) => browser.close()));
    },
  };
}
