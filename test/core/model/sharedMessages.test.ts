import { describe, expect, expectTypeOf, it } from 'vitest';
import { messageFor } from '../../../src/core/model/outcome';
import { builtInProviders } from '../../../src/core/model/providers/index';
import { sharedMessages, type SharedMessageKey } from '../../../src/core/model/sharedMessages';
import type { OwnCode } from '../../../src/core/model/types';
import { readingCodes, type ReadingCode } from '../../fixtures/readingCodes';

const entries = Object.entries(sharedMessages);

describe('sharedMessages', () => {
  it('has a text for every own code but the unreadable-callback ones, and no stray key', () => {
    // Checked by tsc: a new own code needs a text here, or a place in `readingCodes`.
    expectTypeOf<Exclude<OwnCode, SharedMessageKey>>().toEqualTypeOf<ReadingCode>();
    expectTypeOf<
      Exclude<SharedMessageKey, 'success' | 'reconnected' | 'generic'>
    >().toExtend<OwnCode>();
    for (const code of readingCodes) {
      expect(Object.hasOwn(sharedMessages, code)).toBe(false);
      expect(messageFor('custom', code)).toBe(sharedMessages.generic);
    }
    expect(Object.keys(sharedMessages)).toEqual(
      expect.arrayContaining(['success', 'reconnected', 'generic']),
    );
  });

  it('is what an outcome says for each of its keys, whatever the provider', () => {
    for (const [key, text] of entries) {
      expect(messageFor('custom', key)).toBe(text);
      for (const provider of builtInProviders) expect(messageFor(provider, key)).toBe(text);
    }
  });

  it("shares no key with a built-in provider's table, which would shadow it", () => {
    for (const provider of builtInProviders) {
      const clash = Object.keys(provider.messages).filter((key) =>
        Object.hasOwn(sharedMessages, key),
      );
      expect(clash, provider.id).toEqual([]);
    }
  });

  it.each(entries)(
    '%s: one finished sentence for the user, no code or placeholder',
    (_key, text) => {
      expect(text).toBe(text.trim());
      expect(text).toMatch(/^[A-Z].*\.$/);
      expect(text).not.toMatch(/[_{}<>$%]|TODO|undefined|null/);
    },
  );

  it('gives each key its own text: no code falls back to the generic one in disguise', () => {
    const texts = entries.map(([, text]) => text);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
