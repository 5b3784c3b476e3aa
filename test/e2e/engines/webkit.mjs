// WebKitGTK (Debian's, Safari's engine) through webdriverio and WebKitWebDriver, classic
// WebDriver (the driver has no BiDi). MiniBrowser has no headless mode: it runs on the display
// from display.mjs. Each session is a new, ephemeral MiniBrowser; the back-forward cache is on.
// Classic WebDriver sees one window at a time, so each Tab switches to its own window first.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { remote } from 'webdriverio';
import { startDisplay } from './display.mjs';
import { Tab, until } from './tab.mjs';

export const miniBrowserPath =
  process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** Process groups this process started (each driver with its MiniBrowser), ended on exit. */
const started = new Set();
const endGroup = (pid) => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
  started.delete(pid);
};
process.on('exit', () => started.forEach(endGroup));

/**
 * One WebKitWebDriver per session, in its own process group with the MiniBrowser it starts, so
 * ending the group always ends that browser (a session that fails to delete leaves none behind
 * to block the next one). `GTK_THEME=Adwaita:dark` is how a dark scheme reaches WebKitGTK.
 */
async function startDriver(display, colorScheme) {
  const port = await freePort();
  const env = { ...process.env, DISPLAY: display };
  if (colorScheme === 'dark') env.GTK_THEME = 'Adwaita:dark';
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], {
    env,
    stdio: 'ignore',
    detached: true,
  });
  started.add(driver.pid);
  await until(
    () => fetch(`http://127.0.0.1:${port}/status`).then((response) => response.ok),
    'WebKitWebDriver to start',
  );
  return { port, stop: () => endGroup(driver.pid) };
}

class WebKitTab extends Tab {
  constructor(session, handle) {
    super(session);
    this.handle = handle;
  }

  get browser() {
    return this.session.browser;
  }

  /** Makes this tab's window the one WebDriver commands go to. */
  async focus() {
    if (this.session.current === this.handle) return;
    await this.browser.switchToWindow(this.handle);
    this.session.current = this.handle;
  }

  async runExpression(source) {
    await this.focus();
    return this.browser.execute(`return ${source}`);
  }

  async clickElement(selector) {
    await this.focus();
    await (await this.browser.$(selector)).click();
  }

  /** Classic WebDriver waits for the load either way (`wait` is for the other engines). */
  async navigate(url) {
    await this.focus();
    await this.browser.navigateTo(url);
  }

  async address() {
    await this.focus();
    return this.browser.getUrl();
  }

  async waitForPopup(action) {
    await this.focus();
    const before = await this.browser.getWindowHandles();
    await action();
    const handle = await until(async () => {
      const handles = await this.browser.getWindowHandles();
      return handles.find((each) => !before.includes(each));
    }, 'a popup window');
    return new WebKitTab(this.session, handle);
  }

  async isClosed() {
    return !(await this.browser.getWindowHandles()).includes(this.handle);
  }

  /** As the user closing the window. */
  async close() {
    await this.focus();
    const left = await this.browser.closeWindow();
    this.session.current = undefined;
    if (left.length > 0) {
      await this.browser.switchToWindow(left[0]);
      this.session.current = left[0];
    }
  }

  async reload() {
    await this.focus();
    await this.browser.refresh();
  }

  /** How many windows (tabs and popups) the session has open. */
  async windowCount() {
    return (await this.browser.getWindowHandles()).length;
  }

  async openTab() {
    await this.focus();
    const { handle } = await this.browser.createWindow('window');
    return new WebKitTab(this.session, handle);
  }
}

export async function launchWebKit() {
  const display = await startDisplay();
  return {
    name: 'webkit',
    version: 'WebKitGTK',
    /** A new MiniBrowser (an ephemeral profile) with one window. The cache is always on. */
    async newSession({ colorScheme = 'light' } = {}) {
      const driver = await startDriver(display.display, colorScheme);
      try {
        const browser = await remote({
          hostname: '127.0.0.1',
          port: driver.port,
          logLevel: 'error',
          connectionRetryTimeout: 30_000,
          capabilities: {
            browserName: 'MiniBrowser',
            'wdio:enforceWebDriverClassic': true,
            'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] },
          },
        });
        this.version = `WebKitGTK ${browser.capabilities.browserVersion}`;
        const handle = await browser.getWindowHandle();
        const session = { errors: [], browser, current: handle };
        session.close = async () => {
          await Promise.race([
            browser.deleteSession().catch(() => {}),
            new Promise((resolve) => setTimeout(resolve, 3000)),
          ]);
          driver.stop();
        };
        session.tab = new WebKitTab(session, handle);
        return session;
      } catch (error) {
        driver.stop();
        throw error;
      }
    },
    async close() {
      await display.stop();
    },
  };
}
