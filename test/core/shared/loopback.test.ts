import { describe, expect, it } from 'vitest';
import { isLoopbackHttp } from '../../../src/core/shared/loopback';

describe('isLoopbackHttp: one loopback rule for launch URLs, redirect URIs and Secure cookies', () => {
  it.each([
    'http://127.0.0.1:3000/',
    'http://127.4.5.6/x',
    'http://localhost/',
    'http://localhost:5173/cb',
    'http://[::1]:8080/',
  ])('%s is loopback http', (url) => {
    expect(isLoopbackHttp(new URL(url))).toBe(true);
  });

  it.each([
    'https://localhost/',
    'http://app.example/',
    'http://localhost.evil.example/',
    'http://127.0.0.1.evil.example/',
    'http://128.0.0.1/',
    'http://[::2]/',
    'ftp://localhost/',
  ])('%s is not', (url) => {
    expect(isLoopbackHttp(new URL(url))).toBe(false);
  });
});
