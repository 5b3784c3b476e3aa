import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../src/core/shared/loopback';

describe('isLoopbackHost', () => {
  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])('%s is the machine itself', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['example.com', 'localhost.example.com', '128.0.0.1', '127.0.0.1.evil', '::1', ''])(
    '%j is not',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});
