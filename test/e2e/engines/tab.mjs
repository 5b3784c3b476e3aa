// What a test does with a page, written once for every engine on top of a few driver calls
// that each engine supplies (see chromium.mjs, firefox.mjs, webkit.mjs):
//   runExpression(source)  evaluates a JavaScript expression in the page, awaiting a promise
//   clickElement(selector) a real (trusted) click, so popups count as opened by the user
//   navigate(url, wait)    wait: 'load', or 'commit' for a page that leaves again by itself
//   address()              the driver's idea of the URL, read without running page script
//   waitForPopup(action)   the Tab of the window that `action` opens
//   isClosed(), close(), reload(), openTab(), windowCount()
import { installPageErrorCollector, takePageErrors } from './pageErrors.mjs';

export const defaultTimeout = 8000;

/** Thrown by a test that cannot run in an engine: reported as "n/a: <reason>", never a pass. */
export class NotApplicable extends Error {}

/** Waits until `read()` gives something truthy, or fails saying what it last saw. */
export async function until(read, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await read();
      if (last) return last;
    } catch (error) {
      last = String(error.message).split('\n')[0];
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; last saw: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export class Tab {
  /** @param {{ errors: string[] }} session where page errors go */
  constructor(session) {
    this.session = session;
  }

  /** Runs `fn(arg)` in the page (fn must be self-contained), collecting page errors. */
  async evaluate(fn, arg) {
    const source = `(async () => {
      (${installPageErrorCollector})();
      const value = await (${fn})(${JSON.stringify(arg)});
      return { value, errors: (${takePageErrors})() };
    })()`;
    const { value, errors } = await this.runExpression(source);
    this.session.errors.push(...errors);
    return value;
  }

  /** The address the page itself reports (a page restored from the cache may differ). */
  url() {
    return this.evaluate(() => location.href);
  }

  goto(url, { wait = 'load' } = {}) {
    return this.navigate(url, wait);
  }

  /** Waits for the page to report an address that passes `test` (a URL). */
  waitForUrl(test, what = 'the address') {
    return until(async () => test(new URL(await this.url())), what);
  }

  /** As `waitForUrl`, read from the driver: runs no script in the page (no user activation). */
  waitForAddress(test, what = 'the address') {
    return until(async () => test(new URL(await this.address())), what);
  }

  /** Back in history, from the page (the drivers' own Back hangs on a cached restore). */
  async back() {
    await this.evaluate(() => void setTimeout(() => history.back(), 0));
  }

  waitFor(selector, timeout = defaultTimeout) {
    return until(
      () => this.evaluate((s) => document.querySelector(s) !== null, selector),
      `"${selector}"`,
      timeout,
    );
  }

  /** The text of the first match, or null. */
  text(selector) {
    return this.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
  }

  attribute(selector, name) {
    return this.evaluate(
      ([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null,
      [selector, name],
    );
  }

  async click(selector) {
    await this.waitFor(selector);
    await this.clickElement(selector);
  }

  /** Clicks the first button whose text matches `pattern` (as a user finds it by its name). */
  async clickButton(pattern) {
    const marker = 'data-e2e-click';
    await until(
      () =>
        this.evaluate(
          ([source, flags, attribute]) => {
            document
              .querySelectorAll(`[${attribute}]`)
              .forEach((e) => e.removeAttribute(attribute));
            const name = new RegExp(source, flags);
            const button = [...document.querySelectorAll('button')].find((b) =>
              name.test(b.textContent.trim()),
            );
            button?.setAttribute(attribute, '');
            return Boolean(button);
          },
          [pattern.source, pattern.flags, marker],
        ),
      `a button named ${pattern}`,
    );
    await this.clickElement(`[${marker}]`);
  }

  /** Waits the given time: only where a test must show that something does NOT happen. */
  pause(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
