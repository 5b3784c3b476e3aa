import { describe, expect, it } from 'vitest';
import { verifiedOutcome } from '../../../src/core/model/outcomeSummary';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { gigs } from '../../../src/core/model/providers/gigs';
import {
  flowCookie,
  readFlowCookie,
  readResultCookie,
  resultCookie,
  type FlowRecord,
} from '../../../src/server/cookies/flowCookie';

const context = {
  secret: 's'.repeat(32),
  basePath: '/api/connect',
  url: new URL('https://app.example/'),
};
const record: FlowRecord = {
  provider: 'gigs',
  state: 'st',
  sessionId: 'csn_1',
  reconnect: false,
  user: 'u1',
  page: '/connect/callback',
  expires: Date.now() + 60_000,
  nonce: 'n1',
};
const requestWith = (setCookie: string) =>
  new Request('https://app.example/api/connect/callback/gigs', {
    headers: { cookie: setCookie.split(';')[0] ?? '' },
  });

describe('flow cookie', () => {
  it('is read back for the same provider, user and time, and never otherwise', async () => {
    const cookie = await flowCookie(record, context, 900);
    expect(cookie).toContain('Secure');
    const request = requestWith(cookie);
    expect(await readFlowCookie(request, 'gigs', context, 'u1')).toEqual(record);
    expect(await readFlowCookie(request, 'gigs', context, 'u2')).toBeUndefined();
    expect(await readFlowCookie(request, 'emerge', context, 'u1')).toBeUndefined();
    const stale = await flowCookie({ ...record, expires: Date.now() - 1 }, context, 900);
    expect(await readFlowCookie(requestWith(stale), 'gigs', context, 'u1')).toBeUndefined();
  });
});

describe('result cookie', () => {
  it('carries a verified outcome for its user only, site-wide for a server-rendered page', async () => {
    const outcome = verifiedOutcome(
      parseCallback('?session_id=csn_1&status=success', {
        provider: gigs,
        expectedSessionId: 'csn_1',
      }),
    );
    const cookie = await resultCookie({ user: 'u1', outcome }, context);
    expect(cookie).toContain('Path=/;');
    const header = cookie.split(';')[0] ?? '';
    expect(await readResultCookie(header, context, 'u1')).toEqual(outcome);
    expect(await readResultCookie(header, context, 'u2')).toBeUndefined();
    const notVerified = await resultCookie(
      { user: 'u1', outcome: { ...outcome, verified: false } as never },
      context,
    );
    expect(await readResultCookie(notVerified.split(';')[0] ?? '', context, 'u1')).toBeUndefined();
  });
});
