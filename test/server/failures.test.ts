import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  asError,
  consoleErrorHandler,
  HandlerFailure,
  isProviderTimeout,
  report,
  type FailureInfo,
} from '../../src/server/failures';
import { ProviderRequestError } from '../../src/server/providers/providerError';

const info: FailureInfo = {
  route: 'launch',
  provider: 'gigs',
  status: 502,
  code: 'provider_unavailable',
};

afterEach(() => vi.restoreAllMocks());

describe('consoleErrorHandler: the default onError', () => {
  it('writes one line naming the route, provider, status, code and a safe message', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    consoleErrorHandler()(new ProviderRequestError('gigs', { kind: 'server', status: 503 }), info);
    expect(log).toHaveBeenCalledOnce();
    expect(log.mock.calls[0]?.[0]).toBe(
      'react-connect-flow: launch gigs answered 502 provider_unavailable: gigs: server (HTTP 503)',
    );
  });

  it("withholds the message of an error it did not write (an app's callback, a client library)", () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const secret = 'sk_live_123 uid=psub_42 https://api.example/sessions/csn_1?token=t';
    consoleErrorHandler()(new TypeError(secret), { ...info, code: 'internal_error', status: 500 });
    const line = String(log.mock.calls[0]?.[0]);
    expect(line).toContain('TypeError (message withheld');
    expect(line).not.toMatch(/sk_live|psub_|csn_|token=/);
  });

  it('writes at most one line a minute per code, then says how many it held back', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    let now = 0;
    const onError = consoleErrorHandler(() => now);
    const failure = new HandlerFailure('x');
    for (let i = 0; i < 5; i += 1) onError(failure, info);
    onError(failure, { ...info, code: 'cross_origin', status: 403 });
    expect(log).toHaveBeenCalledTimes(2);
    now = 60_000;
    onError(failure, info);
    expect(log).toHaveBeenCalledTimes(3);
    expect(String(log.mock.calls[2]?.[0])).toMatch(/\(4 more since the last line\)$/);
  });
});

describe('report', () => {
  it("passes an Error on, and never lets the app's onError change the answer", () => {
    const seen: Error[] = [];
    report((error) => seen.push(error), 'a string', info);
    expect(seen[0]).toBeInstanceOf(HandlerFailure);
    expect(() =>
      report(
        () => {
          throw new Error('broken reporter');
        },
        new Error('x'),
        info,
      ),
    ).not.toThrow();
  });

  it('asError keeps an Error as it is', () => {
    const error = new RangeError('r');
    expect(asError(error)).toBe(error);
    expect(asError(undefined).message).toContain('undefined');
  });
});

describe('isProviderTimeout', () => {
  it("knows an abandoned provider call (AbortSignal.timeout's reason), and nothing else", () => {
    expect(isProviderTimeout(new DOMException('t', 'TimeoutError'))).toBe(true);
    expect(isProviderTimeout(new DOMException('a', 'AbortError'))).toBe(true);
    expect(
      isProviderTimeout(new ProviderRequestError('gigs', { kind: 'server', status: 503 })),
    ).toBe(false);
    expect(isProviderTimeout('TimeoutError')).toBe(false);
  });
});
