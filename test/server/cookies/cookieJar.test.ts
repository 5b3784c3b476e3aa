import { describe, expect, it } from 'vitest';
import {
  cookieBudget,
  cookieSize,
  overBudget,
  sentCookies,
} from '../../../src/server/cookies/cookieJar';

describe('sentCookies', () => {
  it('reads every cookie of a header, and drops a name sent twice', () => {
    expect(sentCookies('a=1; b=x=y;c=3; a=4; junk; =v')).toEqual([
      { name: 'b', value: 'x=y' },
      { name: 'c', value: '3' },
    ]);
    expect(sentCookies(null)).toEqual([]);
  });
});

describe('overBudget', () => {
  const cookie = (name: string, size: number, createdAt: number) => ({
    name,
    value: 'v'.repeat(size - name.length - 1),
    createdAt,
  });

  it('clears nothing while the set fits in 8 KiB', () => {
    expect(overBudget([cookie('a', 3000, 1), cookie('b', 3000, 2)], 2000)).toEqual([]);
    expect(cookieSize('ab', 'cd')).toBe(5);
  });

  it('clears the oldest first until the set fits', () => {
    const kept = [cookie('new', 3000, 3), cookie('old', 3000, 1), cookie('mid', 3000, 2)];
    expect(overBudget(kept, 1500)).toEqual(['old']);
    expect(overBudget(kept, cookieBudget)).toEqual(['old', 'mid', 'new']);
  });
});
