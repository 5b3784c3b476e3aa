import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as server from '../../src/server/index';

const sourceDir = fileURLToPath(new URL('../../src/server/', import.meta.url));
const sources = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter((name) =>
  name.endsWith('.ts'),
);
const read = (name: string) => readFileSync(path.join(sourceDir, name), 'utf8');
const importsOf = (text: string) =>
  [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)].map(
    (match) => match[1] ?? '',
  );

describe('react-connect-flow/server', () => {
  it('exports exactly its runtime API', () => {
    expect(Object.keys(server).sort()).toEqual([
      'EmergeWebhookError',
      'ExportStatusError',
      'HandlerFailure',
      'ProviderRequestError',
      'StoreFullError',
      'StoreTimeoutError',
      'consoleErrorHandler',
      'createConnectHandler',
      'createEmergeLink',
      'createGigsSession',
      'createZapierConnectToken',
      'getEmergeExportStatus',
      'hmacSha256Hex',
      'memoryDedupeStore',
      'memoryEvents',
      'nodeListener',
      'readResultCookie',
      'redisEvents',
      'redisStore',
      'timingSafeEqualHex',
      'verifyEmergeWebhook',
    ]);
  });

  it('imports only its own files and the framework-free core: no node:, no packages', () => {
    const all = sources.flatMap((name) =>
      importsOf(read(name)).map((specifier) =>
        path.join('src/server', path.dirname(name), specifier),
      ),
    );
    expect(all.length).toBeGreaterThan(10);
    for (const target of all) expect(target, target).toMatch(/^src\/(server|core)\/[\w/]+$/);
  });

  it('keeps files under 250 lines', () => {
    for (const name of sources) {
      expect(read(name).split('\n').length, name).toBeLessThanOrEqual(250);
    }
  });

  it('has a test file for every source file (but the type-only handlerConfig)', () => {
    const testDir = fileURLToPath(new URL('.', import.meta.url));
    const tests = new Set(readdirSync(testDir, { recursive: true, encoding: 'utf8' }));
    for (const name of sources.filter((each) => each !== 'handlerConfig.ts'))
      expect(tests.has(name.replace(/\.ts$/, '.test.ts')), name).toBe(true);
  });
});
