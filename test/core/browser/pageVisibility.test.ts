import { afterEach, describe, expect, it, vi } from 'vitest';
import { documentVisibility } from '../../../src/core/browser/pageVisibility';

/** A document with just what the seam reads: `visibilityState` and its events. */
function fakeDocument(visibilityState: string = 'visible') {
  const document = Object.assign(new EventTarget(), { visibilityState });
  const change = (state: string) => {
    document.visibilityState = state;
    document.dispatchEvent(new Event('visibilitychange'));
  };
  return { document, change };
}

afterEach(() => vi.unstubAllGlobals());

describe('documentVisibility without a document (a server, a worker)', () => {
  it('is never hidden, and its subscription is a harmless no-op', () => {
    expect(typeof document).toBe('undefined');
    expect(documentVisibility.hidden()).toBe(false);
    const listener = vi.fn();
    const stop = documentVisibility.subscribe(listener);
    expect(stop).toBeTypeOf('function');
    expect(() => stop()).not.toThrow();
    expect(listener).not.toHaveBeenCalled();
  });

  it('reads the document when asked, not when imported', () => {
    const tab = fakeDocument('hidden');
    vi.stubGlobal('document', tab.document);
    expect(documentVisibility.hidden()).toBe(true);
  });
});

describe('documentVisibility with a document', () => {
  it.each([
    ['visible', false],
    ['hidden', true],
    ['prerender', false],
    ['', false],
  ])('visibilityState %j: hidden is %s', (state, hidden) => {
    vi.stubGlobal('document', fakeDocument(state).document);
    expect(documentVisibility.hidden()).toBe(hidden);
  });

  it('tells a subscriber of each change, until its cleanup', () => {
    const tab = fakeDocument();
    vi.stubGlobal('document', tab.document);
    const seen: boolean[] = [];
    const stop = documentVisibility.subscribe(() => seen.push(documentVisibility.hidden()));
    tab.change('hidden');
    tab.change('visible');
    stop();
    tab.change('hidden');
    expect(seen).toEqual([true, false]);
  });

  it('keeps other subscribers when one leaves', () => {
    const tab = fakeDocument();
    vi.stubGlobal('document', tab.document);
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = documentVisibility.subscribe(first);
    const stopSecond = documentVisibility.subscribe(second);
    stopFirst();
    stopFirst();
    tab.change('hidden');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    stopSecond();
  });

  it('cleans up on the document it subscribed to, even once the global has changed', () => {
    const before = fakeDocument();
    vi.stubGlobal('document', before.document);
    const listener = vi.fn();
    const stop = documentVisibility.subscribe(listener);
    vi.stubGlobal('document', fakeDocument().document);
    stop();
    before.change('hidden');
    expect(listener).not.toHaveBeenCalled();
  });

  it('cleans up without throwing once the document is gone (a torn-down test window)', () => {
    vi.stubGlobal('document', fakeDocument().document);
    const stop = documentVisibility.subscribe(() => {});
    vi.stubGlobal('document', undefined);
    expect(() => stop()).not.toThrow();
  });
});
