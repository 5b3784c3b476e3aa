import { describe, expect, it } from 'vitest';

describe('the core runs with React mocked away', () => {
  it('fails any import of React in this project, so the other core tests prove independence', async () => {
    await expect(import('react')).rejects.toThrow(/error when mock/);
    await expect(import('@tanstack/react-query')).rejects.toThrow(/error when mock/);
  });

  it('loads the whole core entry without React', async () => {
    const core = await import('../../src/core/index');
    expect(typeof core.parseCallback).toBe('function');
  });
});
