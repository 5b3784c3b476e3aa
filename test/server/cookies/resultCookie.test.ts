import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifiedOutcome } from '../../../src/core/model/outcomeSummary';
import { parseCallback } from '../../../src/core/model/parseCallback';
import { gigs } from '../../../src/core/model/providers/gigs';
import { newFlowId } from '../../../src/server/cookies/flowCookie';
import {
  findResult,
  readResultCookie,
  resultCookie,
  sentResultCookies,
} from '../../../src/server/cookies/resultCookie';
import { signValue } from '../../../src/server/cookies/signedCookie';

const context = {
  secret: 's'.repeat(32),
  basePath: '/api/connect',
  url: new URL('https://app.example/'),
};
const outcome = verifiedOutcome(
  parseCallback('?session_id=csn_1&status=success', { provider: gigs, expectedSessionId: 'csn_1' }),
);
const pair = (setCookie: string) => setCookie.split(';')[0] ?? '';

afterEach(() => vi.useRealTimers());

describe('result cookie', () => {
  it('carries a verified outcome for its user and flow only, site-wide for a server-rendered page', async () => {
    const flowId = newFlowId();
    const cookie = await resultCookie(flowId, 'u1', outcome, context);
    expect(cookie).toMatch(new RegExp(`^rcf_result_${flowId}=.*; Path=/; Max-Age=120`));
    const header = pair(cookie);
    expect(await readResultCookie(header, context, 'u1', flowId)).toEqual(outcome);
    expect(await readResultCookie(header, context, 'u1')).toEqual(outcome);
    expect(await readResultCookie(header, context, 'u2', flowId)).toBeUndefined();
    expect(await readResultCookie(header, context, 'u1', newFlowId())).toBeUndefined();
  });

  it('carries a signed expiry of two minutes: a cookie kept longer reads as nothing', async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    const flowId = newFlowId();
    const header = pair(await resultCookie(flowId, 'u1', outcome, context));
    vi.setSystemTime(1_800_000_000_000 + 119_000);
    expect(await readResultCookie(header, context, 'u1', flowId)).toEqual(outcome);
    vi.setSystemTime(1_800_000_000_000 + 121_000);
    expect(await readResultCookie(header, context, 'u1', flowId)).toBeUndefined();
  });

  it('two flows finishing at once keep two results, each read by its own flow', async () => {
    const [a, b] = [newFlowId(1), newFlowId(2)];
    const other = { ...outcome, provider: 'emerge' } as typeof outcome;
    const header = [
      pair(await resultCookie(a, 'u1', outcome, context)),
      pair(await resultCookie(b, 'u1', other, context)),
    ].join('; ');
    expect((await findResult(header, context, 'u1', a))?.outcome.provider).toBe('gigs');
    expect((await findResult(header, context, 'u1', b))?.outcome.provider).toBe('emerge');
    // Without a flow, two results are no answer: neither is guessed.
    expect(await findResult(header, context, 'u1')).toBeUndefined();
  });

  it('reads a result cookie of 0.2 (rcf_result, the user id inside, no expiry)', async () => {
    const header = `rcf_result=${await signValue({ user: 'u1', outcome }, context.secret)}`;
    expect(await readResultCookie(header, context, 'u1')).toEqual(outcome);
    expect(await readResultCookie(header, context, 'u2')).toBeUndefined();
    expect(sentResultCookies(header)).toEqual([
      expect.objectContaining({ name: 'rcf_result', createdAt: 0 }),
    ]);
  });

  it('never carries an outcome that is not verified', async () => {
    const flowId = newFlowId();
    const header = pair(
      await resultCookie(flowId, 'u1', { ...outcome, verified: false } as never, context),
    );
    expect(await readResultCookie(header, context, 'u1', flowId)).toBeUndefined();
  });
});
