import { describe, expect, it } from 'vitest';
import { memoryDedupeStore } from '../../src/server/stores/dedupeStore';
import { handlerContext } from '../../src/server/handlerContext';
import { memoryEvents } from '../../src/server/events/memoryEvents';

const settings = {
  secret: 's'.repeat(32),
  usedFlows: memoryDedupeStore(),
  events: memoryEvents,
  onError: () => {},
};

const config = {
  basePath: '/api/connect',
  secret: 's'.repeat(32),
  getUser: () => 'u',
  onConnected: () => {},
};

describe('handlerContext', () => {
  const context = handlerContext(
    config,
    new Request('https://app.example/api/connect/launch/gigs'),
    settings,
  );

  it("names this handler's callback route as the provider's redirect target", () => {
    expect(context.callbackUrl('emerge')).toBe('https://app.example/api/connect/callback/emerge');
  });

  it('takes only same-origin paths for the callback page', () => {
    expect(context.pagePath(undefined)).toBe('/connect/callback');
    expect(context.pagePath('/cb?x=1#y')).toBe('/cb?x=1#y');
    expect(context.pagePath('https://app.example/cb')).toBe('/cb');
    for (const page of ['https://evil.example/cb', '//evil.example', '/\\evil', 'cb', 42]) {
      expect(context.pagePath(page)).toBeUndefined();
    }
  });

  it('takes a page of safe characters only, 512 bytes at most: it ends up in a Location header', () => {
    expect(context.pagePath(`/${'a'.repeat(511)}`)).toBe(`/${'a'.repeat(511)}`);
    expect(context.pagePath(`/${'a'.repeat(512)}`)).toBeUndefined();
    expect(context.pagePath('/caf%C3%A9?q=a+b&r=%20#top')).toBe('/caf%C3%A9?q=a+b&r=%20#top');
    for (const page of [
      '/café',
      '/a b',
      '/a\tb',
      '/a\r\nSet-Cookie: x=1',
      '/a\u0000',
      '/a"b',
      '/a<b>',
    ]) {
      expect(context.pagePath(page)).toBeUndefined();
    }
  });

  it('keeps cookies Secure on https, and lives 15 minutes by default', () => {
    expect(context.cookies.url.protocol).toBe('https:');
    expect(context.flowLifetime).toBe(900);
  });
});

describe('handlerContext with a public origin', () => {
  it('builds the redirect target on it, whatever host the request names (next start: localhost)', () => {
    const request = new Request('http://localhost:3000/api/connect/launch/gigs?x=1');
    const context = handlerContext({ ...config, origin: 'https://app.example' }, request, settings);
    expect(context.callbackUrl('gigs')).toBe('https://app.example/api/connect/callback/gigs');
    expect(context.url.href).toBe('https://app.example/api/connect/launch/gigs?x=1');
    expect(context.pagePath('https://app.example/cb')).toBe('/cb');
  });
});
