import { describe, expect, it } from 'vitest';
import {
  assertConfigAtCreation,
  checkHandlerConfig,
  describeFindings,
} from '../../src/server/configCheck';
import type { ConnectHandlerConfig } from '../../src/server/handlerConfig';

const base: ConnectHandlerConfig = {
  basePath: '/api/connect',
  secret: 's'.repeat(32),
  getUser: () => 'u',
  onConnected: () => {},
};

describe('checkHandlerConfig', () => {
  it('finds nothing wrong with a complete configuration', () => {
    expect(checkHandlerConfig(base)).toEqual([]);
  });

  it('names each wrong option', () => {
    const findings = checkHandlerConfig({
      ...base,
      basePath: '/api/connect/',
      origin: 'https://app.example/path',
      secret: 'short',
      providerTimeout: 0,
      zapier: { clientId: 'c', clientSecret: '', subjectToken: () => 't', apps: [] as never },
    });
    expect(findings.map((each) => each.option)).toEqual([
      'basePath',
      'origin',
      'secret',
      'providerTimeout',
      'zapier.clientSecret',
      'zapier.apps',
    ]);
    expect(findings.every((each) => !each.missing)).toBe(true);
  });

  it('tells a missing option (an environment variable not set at build time) from a wrong one', () => {
    const findings = checkHandlerConfig({
      ...base,
      secret: undefined,
      gigs: { apiToken: undefined as never, project: 'p', intent: { type: 'addLine' } as never },
    });
    expect(findings).toEqual([
      { option: 'secret', problem: 'is not set', missing: true },
      { option: 'gigs.apiToken', problem: 'is not set', missing: true },
    ]);
    expect(describeFindings(findings)).toBe(
      'createConnectHandler: secret is not set; gigs.apiToken is not set',
    );
  });
});

describe('assertConfigAtCreation', () => {
  it('throws for a present, wrong option, naming it', () => {
    expect(() => assertConfigAtCreation({ ...base, secret: ['s'.repeat(32), 'short'] })).toThrow(
      /secret must be at least 32 characters/,
    );
  });

  it('lets a missing option through: the first request reports it', () => {
    expect(() => assertConfigAtCreation({ ...base, secret: undefined })).not.toThrow();
  });
});
