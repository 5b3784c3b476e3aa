import type { ServerResponse } from 'node:http';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/testing/mockConfig';
import {
  autoRedirectOutcome,
  escapeHtml,
  offeredOutcomes,
  outcomeForm,
  scriptJson,
  sendPage,
  wantsCoop,
  type Outcome,
  type PageOptions,
} from '../../src/testing/page';

const outcomes: Outcome[] = [
  { value: 'success', label: 'Connect' },
  { value: 'access_denied', label: 'Deny' },
  { value: 'intent_fulfilled', label: 'Undocumented', undocumented: true },
];

/** What `sendPage` wrote: status, headers and the HTML. */
function rendered(options: PageOptions) {
  const sent = { status: 0, headers: {} as Record<string, string>, html: '' };
  const res = {
    writeHead(status: number, headers: Record<string, string>) {
      sent.status = status;
      sent.headers = headers;
      return this;
    },
    end(html: string) {
      sent.html = html;
      return this;
    },
  } as unknown as ServerResponse;
  sendPage(res, options);
  return sent;
}

describe('escapeHtml', () => {
  it('escapes the five characters that open markup or end an attribute', () => {
    expect(escapeHtml(`<img src=x onerror="a('&')">`)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;&amp;&#39;)&quot;&gt;',
    );
  });

  it('leaves other text as it is, and escapes an escape again', () => {
    expect(escapeHtml('Zoë — 100% ✓')).toBe('Zoë — 100% ✓');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml('')).toBe('');
  });
});

describe('scriptJson', () => {
  it('cannot close the script element or open a comment in it', () => {
    const json = scriptJson({ text: '</script><script>alert(1)</script><!--' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script><!--' });
  });

  it('is plain JSON otherwise', () => {
    expect(scriptJson(['a', 1, null])).toBe('["a",1,null]');
  });
});

describe('offeredOutcomes', () => {
  it('offers the documented outcomes only, by default', () => {
    expect(offeredOutcomes(outcomes, resolveConfig({})).map((o) => o.value)).toEqual([
      'success',
      'access_denied',
    ]);
  });

  it('offers every outcome with undocumentedOutcomes', () => {
    const config = resolveConfig({ undocumentedOutcomes: true });
    expect(offeredOutcomes(outcomes, config)).toEqual(outcomes);
  });
});

describe('autoRedirectOutcome', () => {
  it.each([
    ['auto=access_denied&autoRedirect=1', 'access_denied'],
    ['auto=success&autoRedirect=0', undefined],
    ['auto=success', undefined],
    ['auto=success&autoRedirect=true', undefined],
    ['auto=nope&autoRedirect=1', undefined],
    ['autoRedirect=1', undefined],
    ['auto=&autoRedirect=1', undefined],
    ['auto=__proto__&autoRedirect=1', undefined],
  ])('%s: %s', (query, value) => {
    expect(autoRedirectOutcome(new URLSearchParams(query), outcomes)?.value).toBe(value);
  });

  it('finds only what it is given: an outcome left out is not answered', () => {
    const documented = offeredOutcomes(outcomes, resolveConfig({}));
    const query = new URLSearchParams('auto=intent_fulfilled&autoRedirect=1');
    expect(autoRedirectOutcome(query, documented)).toBeUndefined();
  });
});

describe('wantsCoop', () => {
  it.each([
    ['coop=1', false, true],
    ['', false, false],
    ['coop=0', false, false],
    ['coop=true', false, false],
    ['', true, true],
    ['coop=0', true, false],
    ['coop=1', true, true],
    ['coop=no', true, true],
  ])('%j, on by default: %s, is %s', (query, byDefault, wanted) => {
    expect(wantsCoop(new URLSearchParams(query), byDefault)).toBe(wanted);
  });
});

describe('outcomeForm', () => {
  it('posts one button per outcome, with the hidden fields', () => {
    const html = outcomeForm('/gigs/connect/finish', { session: 'csn_1' }, outcomes.slice(0, 2));
    const form = new JSDOM(html).window.document.querySelector('form')!;
    expect(form.method).toBe('post');
    expect(form.getAttribute('action')).toBe('/gigs/connect/finish');
    expect(form.getAttribute('aria-label')).toBe('Outcome');
    const hidden = form.querySelector<HTMLInputElement>('input[type=hidden]')!;
    expect([hidden.name, hidden.value]).toEqual(['session', 'csn_1']);
    const buttons = [...form.querySelectorAll('button')];
    expect(buttons.map((b) => [b.type, b.name, b.value, b.dataset.outcome, b.textContent])).toEqual(
      [
        ['submit', 'outcome', 'success', 'success', 'Connect'],
        ['submit', 'outcome', 'access_denied', 'access_denied', 'Deny'],
      ],
    );
  });

  it('keeps hostile values and labels as text', () => {
    const hostile = `"><script>alert(1)</script>`;
    const html = outcomeForm(`/x?a=1&b="2"`, { signature: hostile }, [
      { value: hostile, label: `<b>${hostile}</b>` },
    ]);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    const document = new JSDOM(html).window.document;
    expect(document.querySelector('form')!.getAttribute('action')).toBe(`/x?a=1&b="2"`);
    expect(document.querySelector('input')!.value).toBe(hostile);
    const button = document.querySelector('button')!;
    expect([button.value, button.dataset.outcome, button.textContent]).toEqual([
      hostile,
      hostile,
      `<b>${hostile}</b>`,
    ]);
  });

  it('is an empty list with no outcomes', () => {
    expect(outcomeForm('/f', {}, [])).toBe(
      '<form method="post" action="/f" aria-label="Outcome"><ul></ul></form>',
    );
  });
});

describe('sendPage', () => {
  it('sends an uncached HTML page, 200 by default, with no referrer', () => {
    const page = rendered({ title: 'Gigs Connect', body: '<p>Hi</p>' });
    expect(page.status).toBe(200);
    expect(page.headers).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    const document = new JSDOM(page.html).window.document;
    expect(document.title).toBe('Gigs Connect');
    expect(document.querySelector('h1')!.textContent).toBe('Gigs Connect');
    expect(document.querySelector('main > p')!.textContent).toBe('Hi');
    expect(document.getElementById('mock-status')!.getAttribute('role')).toBe('status');
    expect(document.documentElement.lang).toBe('en');
  });

  it('sends the status asked for, and COOP only when asked', () => {
    const notFound = rendered({ status: 404, title: 'Not found', body: '', coop: true });
    expect(notFound.status).toBe(404);
    expect(notFound.headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(rendered({ title: 't', body: '', coop: false }).headers).not.toHaveProperty(
      'Cross-Origin-Opener-Policy',
    );
  });

  it('escapes the title', () => {
    const page = rendered({ title: '</title><script>alert(1)</script>', body: '' });
    const document = new JSDOM(page.html).window.document;
    expect(document.title).toBe('</title><script>alert(1)</script>');
    expect(document.querySelectorAll('script')).toHaveLength(1);
  });

  it.each([
    ['light', 'light'],
    ['dark', 'dark'],
    [undefined, 'auto'],
    [null, 'auto'],
    ['', 'auto'],
    ['DARK', 'auto'],
    ['dark" onload="alert(1)', 'auto'],
  ])('theme %j is shown as %s', (theme, shown) => {
    const page = rendered({ title: 't', body: '', theme });
    expect(new JSDOM(page.html).window.document.documentElement.dataset.theme).toBe(shown);
  });
});

describe("the page's auto-outcome script", () => {
  const pageAt = (query: string, script?: string) => {
    const page = rendered({
      title: 't',
      body: outcomeForm('/finish', {}, outcomes.slice(0, 2)),
      ...(script === undefined ? {} : { script }),
    });
    return new JSDOM(page.html, {
      url: `http://127.0.0.1:4000/page${query}`,
      runScripts: 'dangerously',
    }).window;
  };

  it('clicks the outcome that `auto` names', async () => {
    const window = pageAt('?auto=access_denied');
    const submitted = await new Promise<string | undefined>((resolve) => {
      window.document.querySelector('form')!.addEventListener('submit', (event) => {
        event.preventDefault();
        resolve((event.submitter as HTMLButtonElement | null)?.value);
      });
    });
    expect(submitted).toBe('access_denied');
    window.close();
  });

  it('says so when `auto` names no outcome, and clicks nothing', () => {
    const window = pageAt('?auto=%3Cimg%20src%3Dx%3E');
    expect(window.document.getElementById('mock-status')!.textContent).toBe(
      'Unknown auto outcome.',
    );
    expect(window.document.querySelector('img')).toBeNull();
    window.close();
  });

  it('stays quiet without `auto`; the extra script runs after it', () => {
    const extra = "document.getElementById('mock-status').textContent += '|extra';";
    const quiet = pageAt('', extra);
    expect(quiet.document.getElementById('mock-status')!.textContent).toBe('|extra');
    quiet.close();
    const unknown = pageAt('?auto=nope', extra);
    expect(unknown.document.getElementById('mock-status')!.textContent).toBe(
      'Unknown auto outcome.|extra',
    );
    unknown.close();
  });
});
