import { describe, expect, it } from 'vitest';
import {
  announcedProvider,
  readCallback,
  scrubbedAddress,
} from '../../../src/core/page/callbackReading';
import { builtInProviders } from '../../../src/core/model/providers/index';
import { gigs } from '../../../src/core/model/providers/gigs';

const flow = {
  provider: 'gigs',
  mode: 'redirect' as const,
  state: 's',
  sessionId: 'csn_1',
  expiresAt: 0,
};

describe('readCallback', () => {
  it("reads with the stored flow's adapter and expectations", () => {
    const outcome = readCallback('/cb?session_id=csn_1&status=success', flow, {
      providers: builtInProviders,
    });
    expect(outcome).toMatchObject({ screen: 'success', sessionId: 'csn_1' });
  });

  it("the app's word wins over the stored flow", () => {
    const outcome = readCallback('/cb?session_id=csn_1&status=success', flow, {
      providers: builtInProviders,
      expectedSessionId: 'csn_other',
    });
    expect(outcome.code).toBe('session_mismatch');
  });

  it('a flow of a provider the page does not list lends its state to no other provider', () => {
    const acmeFlow = { ...flow, provider: 'acme', state: 's' };
    const outcome = readCallback('/cb?authentication_id=ATTACKER', acmeFlow, {
      providers: builtInProviders,
    });
    expect(outcome).toMatchObject({ provider: 'zapier', code: 'unsolicited_callback' });
  });

  it('detects among the providers without a flow, and never succeeds then', () => {
    const outcome = readCallback('/cb?session_id=csn_1&status=success', undefined, {
      providers: builtInProviders,
    });
    expect(outcome).toMatchObject({ provider: 'gigs', code: 'unsolicited_callback' });
  });
});

describe('scrubbedAddress and the result marker', () => {
  it("removes only the provider's trailing parameters", () => {
    const href = 'https://app.example/cb?status=app&x=1&session_id=c&status=success#h';
    expect(scrubbedAddress(href, gigs.params)).toBe('https://app.example/cb?status=app&x=1#h');
    expect(scrubbedAddress('https://app.example/cb?session_id=c&status=success', gigs.params)).toBe(
      'https://app.example/cb',
    );
  });

  it('names the adapter the marker announces, only a known one', () => {
    expect(announcedProvider('/cb?x=1&rcf_result=gigs', builtInProviders)?.id).toBe('gigs');
    expect(announcedProvider('/cb?rcf_result=evil', builtInProviders)).toBeUndefined();
    expect(announcedProvider('/cb?x=1', builtInProviders)).toBeUndefined();
  });
});

describe('the server result marker names its provider and flow', () => {
  it('reads the provider before the dot, and the whole marker for the result request', async () => {
    const { announcedProvider, resultMarkerOf } =
      await import('../../../src/core/page/callbackReading');
    const { builtInProviders } = await import('../../../src/core/model/providers/index');
    const href = '/cb?x=1&rcf_result=zapier.0abcdefghXYZ_-123';
    expect(announcedProvider(href, builtInProviders)?.id).toBe('zapier');
    expect(resultMarkerOf(href)).toBe('zapier.0abcdefghXYZ_-123');
    expect(resultMarkerOf('/cb?x=1')).toBeUndefined();
  });
});
