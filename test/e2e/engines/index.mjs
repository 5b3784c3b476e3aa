// The three engines the end-to-end suite runs in, one after another, behind one interface:
// `launch()` gives { name, version, newSession(options), close() }; a session has a `tab`
// (engines/tab.mjs), the page `errors` seen so far, and `close()`.
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';
import { launchWebKit } from './webkit.mjs';

export const engines = {
  chromium: launchChromium,
  firefox: launchFirefox,
  webkit: launchWebKit,
};

export const engineNames = Object.keys(engines);
