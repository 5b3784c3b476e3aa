import { describe, expect, it } from 'vitest';
import { viewOf } from '../../../src/core/page/callbackView';

describe('callback views', () => {
  it('a view starts without the close hint', () => {
    expect(viewOf(undefined, '/start')).toEqual({
      outcome: undefined,
      returnTo: '/start',
      closeHint: false,
    });
  });
});
