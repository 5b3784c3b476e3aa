import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { emerge, emergeMessages } from '../../../src/core/model/providers/emerge';
import { gigs, gigsMessages } from '../../../src/core/model/providers/gigs';
import { builtInProviders } from '../../../src/core/model/providers/index';
import { zapier, zapierMessages } from '../../../src/core/model/providers/zapier';
import { sharedMessages } from '../../../src/core/model/sharedMessages';
import { readingCodes } from '../../fixtures/readingCodes';
import type {
  AnyProviderAdapter,
  CallbackExpectation,
  ConnectOutcome,
} from '../../../src/core/model/types';

type Pair = readonly [string, string];
type Kind = 'gigs' | 'emerge' | 'zapier';

const ourMessages = new Set<string>([
  ...Object.values(sharedMessages),
  ...Object.values(gigsMessages),
  ...Object.values(emergeMessages),
  ...Object.values(zapierMessages),
]);

/** The keys a message may be looked up under: our tables' keys, and our own codes. */
const ourKeys = new Set<string>([
  ...Object.keys(sharedMessages),
  ...Object.keys(gigsMessages),
  ...Object.keys(emergeMessages),
  ...Object.keys(zapierMessages),
  ...readingCodes,
]);

const adapters: Record<Kind, AnyProviderAdapter> = { gigs, emerge, zapier };
const providerOption = (kind: Kind) =>
  fc.constantFrom<AnyProviderAdapter | readonly AnyProviderAdapter[]>(
    adapters[kind],
    builtInProviders,
  );
const anyProvider = fc.constantFrom<AnyProviderAdapter | readonly AnyProviderAdapter[]>(
  gigs,
  emerge,
  zapier,
  builtInProviders,
);

const id = fc.stringMatching(/^[\w-]{1,24}$/);
const token = fc.oneof(
  id,
  fc.constantFrom('', ' ', '%', '%E0%A4%A', '__proto__', 'constructor', 'success', 'failure'),
  fc.constantFrom('auth_expired', 'user_aborted', 'user_failed', 'access_denied', 'data_invalid'),
  fc.string({ maxLength: 12 }),
);
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
  'page',
];

/**
 * Query syntax, percent signs, non-ASCII and a lone surrogate (which breaks `encodeURIComponent`).
 * Cheaper than the `binary` unit, whose first use builds tables for seconds on a busy machine.
 */
const queryChar = fc.oneof(
  fc.constantFrom('%', '&', '=', '?', '#', '+', '%E0', '%25', 'é', '😀', '\uD800', '\u0000'),
  fc.string({ minLength: 1, maxLength: 1 }),
);

/** A URL, a deep link, a path or a bare query around any text, with or without a hash. */
const urlLike = fc
  .tuple(
    fc.constantFrom('https://app.example/cb?', 'myapp://deep-link?', '/cb?', '?', '', 'http://['),
    fc.string({ unit: queryChar }),
    fc.constantFrom('', '#', '#/route?session_id=csn_1&status=success'),
  )
  .map((parts) => parts.join(''));

interface WellFormed {
  kind: Kind;
  pairs: Pair[];
  expectation: CallbackExpectation;
}

/** A well-formed successful callback of one provider, and the expectation that binds it. */
const wellFormed = fc.oneof(
  id.map((sessionId): WellFormed => ({
    kind: 'gigs',
    pairs: [
      ['session_id', sessionId],
      ['status', 'success'],
    ],
    expectation: { expectedSessionId: sessionId },
  })),
  fc
    .record({ state: id, uid: id, status: fc.constantFrom('success', 'reauthorized') })
    .map(({ state, uid, status }): WellFormed => ({
      kind: 'emerge',
      pairs: [
        ['status', status],
        ['state', state],
        ['uid', uid],
      ],
      expectation: { expectedState: state },
    })),
  fc
    .record({ state: id, authId: fc.nat().map(String), echo: fc.boolean() })
    .map(({ state, authId, echo }): WellFormed => {
      const pairs: Pair[] = [
        ['authentication_id', authId],
        ['service', 'SlackAPI'],
      ];
      if (echo) pairs.push(['state', state]);
      return { kind: 'zapier', pairs, expectation: { expectedState: state } };
    }),
);

/** Edits that may or may not break a callback: a parser must decide each case on its own. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('empty' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: token }),
  fc.record({ op: fc.constant('append' as const), name: fc.constantFrom(...names), value: token }),
  fc.record({ op: fc.constant('prepend' as const), name: fc.constantFrom(...names), value: token }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(pairs: readonly Pair[], edit: Mutation): Pair[] {
  const list = [...pairs];
  const at = 'at' in edit && list.length > 0 ? edit.at % list.length : 0;
  const pair = list[at];
  switch (edit.op) {
    case 'drop':
      list.splice(at, 1);
      break;
    case 'duplicate':
      if (pair) list.splice(at, 0, pair);
      break;
    case 'empty':
      if (pair) list[at] = [pair[0], ''];
      break;
    case 'replace':
      if (pair) list[at] = [pair[0], edit.value];
      break;
    case 'append':
      list.push([edit.name, edit.value]);
      break;
    case 'prepend':
      list.unshift([edit.name, edit.value]);
      break;
    case 'swap': {
      const next = list[(at + 1) % list.length];
      if (pair && next) [list[at], list[(at + 1) % list.length]] = [next, pair];
      break;
    }
    default:
      edit satisfies never;
  }
  return list;
}

/** Values with a `%` go raw (to reach broken encodings); the rest are encoded. */
const toQuery = (pairs: readonly Pair[]) =>
  pairs
    .map(([name, value]) => `${name}=${value.includes('%') ? value : encodeURIComponent(value)}`)
    .join('&');

/** A well-formed success, or one with a few edits, with its expectation (sometimes altered). */
const callbackCase = fc
  .tuple(
    wellFormed,
    fc.array(mutation, { maxLength: 3 }),
    fc.constantFrom('bound', 'bound', 'bound', 'other', 'none'),
    fc.constantFrom('', 'https://app.example/cb?', 'myapp://deep-link?', 'ref=1&'),
  )
  .chain(([callback, edits, binding, prefix]) =>
    providerOption(callback.kind).map((provider) => {
      const pairs = edits.reduce(mutate, callback.pairs);
      const expectation: CallbackExpectation =
        binding === 'bound'
          ? callback.expectation
          : binding === 'other'
            ? { expectedState: 'other-state', expectedSessionId: 'csn_other' }
            : {};
      return {
        ...callback,
        pairs,
        edited: edits.length > 0,
        binding,
        prefix,
        provider,
        expectation,
      };
    }),
  );

const parse = (
  input: string,
  provider: AnyProviderAdapter | readonly AnyProviderAdapter[],
  e: CallbackExpectation,
) => parseCallback(input, { provider, ...e });

/** What every success must satisfy, whatever the input. */
function checkSuccess(outcome: ConnectOutcome, expectation: CallbackExpectation) {
  if (outcome.screen !== 'success') return;
  expect(outcome.code).toBeUndefined();
  switch (outcome.provider) {
    case 'gigs':
      expect(outcome.sessionId).toBeTruthy();
      expect(outcome.sessionId).toBe(expectation.expectedSessionId);
      break;
    case 'emerge':
      expect(outcome.uid).toBeTruthy();
      expect(expectation.expectedState).toBeTruthy();
      expect(outcome.params.state).toBe(expectation.expectedState);
      expect(outcome.params.error_code).toBeUndefined();
      break;
    case 'zapier':
      expect(outcome.authenticationId).toBeTruthy();
      expect(outcome.params.error).toBeUndefined();
      expect(expectation.expectedState).toBeTruthy();
      if (outcome.params.state !== undefined) {
        expect(outcome.params.state).toBe(expectation.expectedState);
      }
      break;
    default:
      throw new Error(`a success from ${outcome.provider}`);
  }
}

describe('parseCallback properties', () => {
  it('answers an outcome, never throwing, for any string and any provider', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: queryChar }), urlLike),
        anyProvider,
        fc.option(id, { nil: undefined }),
        (input, provider, expectedState) => {
          const outcome = parse(input, provider, {
            expectedState,
            expectedSessionId: expectedState,
          });
          expect(['success', 'retry', 'admin-approval', 'error']).toContain(outcome.screen);
          expect(ourMessages.has(outcome.message)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a well-formed success with its expectation is a success, and every success is bound', () => {
    let successes = 0;
    let failures = 0;
    fc.assert(
      fc.property(callbackCase, (testCase) => {
        const { pairs, provider, expectation, prefix, edited, binding } = testCase;
        const outcome = parse(prefix + toQuery(pairs), provider, expectation);
        checkSuccess(outcome, expectation);
        if (!edited && binding === 'bound') expect(outcome.screen).toBe('success');
        if (outcome.screen === 'success') successes += 1;
        else failures += 1;
      }),
      { numRuns: 1000 },
    );
    expect(successes).toBeGreaterThan(100);
    expect(failures).toBeGreaterThan(100);
  });

  it('never answers an Emerge success without the matching state', () => {
    let successes = 0;
    fc.assert(
      fc.property(
        id,
        fc.oneof({ arbitrary: id, weight: 4 }, { arbitrary: fc.constant(''), weight: 1 }),
        fc.option(fc.oneof(id, fc.constant('')), { nil: undefined, freq: 2 }),
        fc.constantFrom('success', 'reauthorized'),
        fc.constantFrom<AnyProviderAdapter | readonly AnyProviderAdapter[]>(
          emerge,
          builtInProviders,
        ),
        (uid, state, expectedState, status, provider) => {
          // Half of the runs expect exactly the state that comes back.
          const expectation = { expectedState: expectedState ?? state };
          const query = `status=${status}&state=${state}&uid=${uid}`;
          const outcome = parse(query, provider, expectation);
          const bound = state !== '' && expectation.expectedState === state;
          expect(outcome.screen === 'success').toBe(bound);
          if (outcome.screen === 'success') {
            successes += 1;
            expect(outcome.uid).toBe(uid);
            expect(outcome.reconnected).toBe(status === 'reauthorized');
          } else {
            // An empty `state=` still names Emerge; it just carries no state.
            const code = expectation.expectedState ? 'invalid_state' : 'unsolicited_callback';
            expect(outcome.code).toBe(code);
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(successes).toBeGreaterThan(50);
  });

  it('never answers a success with no expectation at all, for any input and provider list', () => {
    let wouldSucceed = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          callbackCase.map((testCase) => ({
            ...testCase,
            input: testCase.prefix + toQuery(testCase.pairs),
          })),
          fc.string().map((input) => ({ input, provider: builtInProviders, expectation: {} })),
        ),
        fc.constantFrom(
          {},
          { expectedState: '' },
          { expectedSessionId: '', expectedState: undefined },
          { reconnect: true },
        ),
        ({ input, provider, expectation }, none: CallbackExpectation) => {
          const outcome = parse(input, provider, none);
          expect(outcome.screen).not.toBe('success');
          if (parse(input, provider, expectation).screen === 'success') {
            // The same callback, bound to a flow, succeeds: without one it is unsolicited.
            wouldSucceed += 1;
            expect(outcome.code).toBe('unsolicited_callback');
            expect(outcome.message).toBe(sharedMessages.unsolicited_callback);
          }
        },
      ),
      { numRuns: 1000 },
    );
    expect(wouldSucceed).toBeGreaterThan(100);
  });

  it('shows only our own messages, never parameter text', () => {
    const shown = new Set<string>();
    const randomCase = fc.record({
      pairs: fc.array(fc.tuple(fc.constantFrom(...names), token), { maxLength: 8 }),
      provider: anyProvider,
      expectation: fc.record({ expectedState: fc.option(id, { nil: undefined }) }),
    });
    fc.assert(
      fc.property(fc.oneof(randomCase, callbackCase), ({ pairs, provider, expectation }) => {
        const outcome = parse(toQuery(pairs), provider, expectation);
        shown.add(outcome.message);
        expect(ourMessages.has(outcome.message)).toBe(true);
        // Its key too is ours: a code we know, never a value the parameters brought.
        expect(ourKeys.has(outcome.messageKey)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    // Varied inputs reached varied screens, not one fallback.
    expect(shown.size).toBeGreaterThan(5);
  });
});
