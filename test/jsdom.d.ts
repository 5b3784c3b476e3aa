// The part of jsdom's API the hydration test uses (jsdom ships no types; @types/jsdom lags).
declare module 'jsdom' {
  export class JSDOM {
    constructor(html: string, options?: { url?: string });
    readonly window: Window & typeof globalThis;
  }
}
