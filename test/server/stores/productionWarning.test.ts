import { afterEach, describe, expect, it, vi } from 'vitest';
import { productionWarning } from '../../../src/server/stores/productionWarning';

afterEach(() => vi.unstubAllEnvs());

describe('productionWarning', () => {
  it('warns once, and only when NODE_ENV is production', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const warning = productionWarning('shared stores, please');
      vi.stubEnv('NODE_ENV', 'development');
      warning();
      expect(warn).not.toHaveBeenCalled();
      vi.stubEnv('NODE_ENV', 'production');
      warning();
      warning();
      expect(warn).toHaveBeenCalledExactlyOnceWith('shared stores, please');
    } finally {
      warn.mockRestore();
    }
  });
});
