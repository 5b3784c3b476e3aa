import { describe, expect, it } from 'vitest';
import { ProviderRequestError } from '../../../src/server/providers/providerError';

describe('ProviderRequestError', () => {
  it('names the provider, the kind and the status', () => {
    const error = new ProviderRequestError('gigs', { kind: 'unauthorized', status: 401 });
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('gigs: unauthorized (HTTP 401)');
    expect(String(error)).toBe('ProviderRequestError: gigs: unauthorized (HTTP 401)');
    expect(error).toMatchObject({ provider: 'gigs', kind: 'unauthorized', status: 401 });
  });

  it('leaves out what it does not know', () => {
    const cause = new Error('TypeError (ECONNREFUSED)');
    const error = new ProviderRequestError('zapier', { kind: 'network', cause });
    expect(error.message).toBe('zapier: network');
    expect('status' in error).toBe(false);
    expect('retryAfter' in error).toBe(false);
    expect(error.cause).toBe(cause);
  });

  it('keeps retryAfter and serializes to plain fields', () => {
    const error = new ProviderRequestError('gigs', {
      kind: 'rate-limited',
      status: 429,
      retryAfter: 7000,
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ProviderRequestError',
      provider: 'gigs',
      kind: 'rate-limited',
      status: 429,
      retryAfter: 7000,
    });
  });
});
