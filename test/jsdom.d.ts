// The part of jsdom's API the tests use (jsdom ships no types; @types/jsdom lags).
declare module 'jsdom' {
  export class JSDOM {
    constructor(html: string, options?: { url?: string; runScripts?: 'dangerously' });
    readonly window: Window & typeof globalThis;
  }
}
