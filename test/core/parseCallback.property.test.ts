import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCallback } from '../../src/core/index';

const names = [
  'session_id',
  'status',
  'state',
  'uid',
  'error_code',
  'authentication_id',
  'service',
  'error',
  'error_description',
  '__proto__',
  'constructor',
  'x',
];
const values = fc.oneof(
  fc.constantFrom(
    '',
    'success',
    'reauthorized',
    'failure',
    'auth_expired',
    'user_failed',
    'access_denied',
    'csn_1',
    'abc123',
    '%',
    '%E0%A4%A',
  ),
  fc.string(),
);
const pairs = fc.array(fc.tuple(fc.constantFrom(...names), values), { maxLength: 8 });
const toQuery = (list: [string, string][]) =>
  list
    .map(([name, value]) => `${name}=${value.includes('%') ? value : encodeURIComponent(value)}`)
    .join('&');
const providerOption = fc.constantFrom(undefined, 'gigs', 'emerge', 'zapier' as const);

describe('parseCallback properties', () => {
  it('answers an outcome for any string', () => {
    fc.assert(
      fc.property(fc.string(), providerOption, (input, provider) => {
        const outcome = parseCallback(input, { provider });
        expect(['success', 'retry', 'admin-approval', 'error']).toContain(outcome.screen);
        expect(outcome.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it('never succeeds without the identifiers success requires', () => {
    fc.assert(
      fc.property(
        pairs,
        providerOption,
        fc.option(fc.string()),
        (list, provider, expectedState) => {
          const outcome = parseCallback(toQuery(list), {
            provider,
            expectedState: expectedState ?? undefined,
          });
          if (outcome.screen !== 'success') return;
          if (outcome.provider === 'gigs') expect(outcome.sessionId).toBeTruthy();
          if (outcome.provider === 'emerge') expect(outcome.uid).toBeTruthy();
          if (outcome.provider === 'zapier') {
            expect(outcome.authenticationId).toBeTruthy();
            expect(outcome.params.error).toBeUndefined();
          }
        },
      ),
    );
  });

  it('never answers an Emerge success without the matching state', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.option(fc.string()),
        fc.constantFrom('success', 'reauthorized'),
        (state, expected, status) => {
          const query = `status=${status}&state=${encodeURIComponent(state)}&uid=psub_1`;
          const outcome = parseCallback(query, {
            provider: 'emerge',
            expectedState: expected ?? undefined,
          });
          expect(outcome.screen === 'success').toBe(expected === state);
          if (outcome.screen !== 'success') expect(outcome.code).toBe('invalid_state');
        },
      ),
    );
  });

  it('shows only our own messages, never parameter text', () => {
    const ours = new Set<string>();
    fc.assert(
      fc.property(pairs, providerOption, (list, provider) => {
        const outcome = parseCallback(toQuery(list), { provider });
        ours.add(outcome.message);
        for (const [, value] of list) if (value.length > 3) expect(outcome.message).not.toBe(value);
      }),
    );
    expect(ours.size).toBeLessThan(25);
  });
});
