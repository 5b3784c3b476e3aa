import type { ServerResponse } from 'node:http';

import type { MockConfig } from './mockConfig';

/** One outcome button: `value` is what `auto=<outcome>` names. */
export interface Outcome {
  value: string;
  label: string;
  /** Not in the provider's docs: offered only with `undocumentedOutcomes`. */
  undocumented?: true;
}

/** The outcomes a page offers: the documented ones, and the others when asked for. */
export const offeredOutcomes = (outcomes: readonly Outcome[], config: MockConfig): Outcome[] =>
  outcomes.filter((outcome) => config.undocumentedOutcomes || !outcome.undocumented);

/**
 * `auto=<outcome>&autoRedirect=1`: the outcome to answer with at once (a 302 to the callback,
 * for tests with no browser), or `undefined` when the page should show itself.
 */
export function autoRedirectOutcome(
  query: URLSearchParams,
  outcomes: readonly Outcome[],
): Outcome | undefined {
  if (query.get('autoRedirect') !== '1') return undefined;
  return outcomes.find((outcome) => outcome.value === query.get('auto'));
}

export interface PageOptions {
  title: string;
  /** Trusted HTML for the page body, under the heading. */
  body: string;
  status?: number;
  /** `light`, `dark`, or anything else for the user's preference. */
  theme?: string | null | undefined;
  /** Send `Cross-Origin-Opener-Policy: same-origin`, as Google's consent pages do. */
  coop?: boolean;
  /** Extra inline script, run after the auto-outcome script is defined. */
  script?: string;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** JSON that is safe inside an inline `<script>`. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** A form posting one of the outcomes: plain HTML that works without script. */
export function outcomeForm(
  action: string,
  hidden: Record<string, string>,
  outcomes: readonly Outcome[],
) {
  const inputs = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
  const buttons = outcomes
    .map(
      ({ value, label }) =>
        `<li><button type="submit" name="outcome" value="${escapeHtml(value)}" data-outcome="${escapeHtml(value)}">${escapeHtml(label)}</button></li>`,
    )
    .join('');
  return `<form method="post" action="${escapeHtml(action)}" aria-label="Outcome">${inputs}<ul>${buttons}</ul></form>`;
}

// `auto=<outcome>` (optional `autoDelay=ms`) clicks that outcome's button once the page loads.
const autoScript = `(() => {
  const query = new URLSearchParams(location.search);
  const auto = query.get('auto');
  if (!auto) return;
  const button = [...document.querySelectorAll('[data-outcome]')].find((b) => b.dataset.outcome === auto);
  const status = document.getElementById('mock-status');
  if (!button) { if (status) status.textContent = 'Unknown auto outcome.'; return; }
  setTimeout(() => button.click(), Number(query.get('autoDelay')) || 0);
})();`;

const style = `:root{color-scheme:light dark;font:16px/1.5 system-ui,sans-serif}
body{margin:0;padding:2rem;max-width:40rem}
[data-theme=light]{color-scheme:light}[data-theme=dark]{color-scheme:dark}
ul{list-style:none;padding:0;display:grid;gap:.5rem}
button{font:inherit;padding:.5rem 1rem;min-width:16rem;text-align:start;cursor:pointer}
.note{opacity:.8}`;

export function sendPage(res: ServerResponse, options: PageOptions): void {
  const theme = options.theme === 'light' || options.theme === 'dark' ? options.theme : 'auto';
  const headers: Record<string, string> = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  };
  if (options.coop) headers['Cross-Origin-Opener-Policy'] = 'same-origin';
  res.writeHead(options.status ?? 200, headers);
  res.end(`<!doctype html>
<html lang="en" data-theme="${theme}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title><style>${style}</style></head>
<body><main><h1>${escapeHtml(options.title)}</h1>${options.body}
<p id="mock-status" role="status"></p></main>
<script>${autoScript}${options.script ?? ''}</script></body></html>`);
}

/** Whether the page was asked for `coop=1` (or, where COOP is the default, not `coop=0`). */
export const wantsCoop = (query: URLSearchParams, byDefault = false) =>
  byDefault ? query.get('coop') !== '0' : query.get('coop') === '1';
