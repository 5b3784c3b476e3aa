import { describe, expect, it } from 'vitest';
import {
  createdAtOf,
  flowCookie,
  newFlowId,
  readFlows,
  sentFlowCookies,
  userKey,
  userKeyIn,
  type FlowRecord,
} from '../../../src/server/cookies/flowCookie';
import { signValue } from '../../../src/server/cookies/signedCookie';

const context = {
  secret: 's'.repeat(32),
  basePath: '/api/connect',
  url: new URL('https://app.example/'),
};

async function recordFor(user: string, overrides: Partial<FlowRecord> = {}): Promise<FlowRecord> {
  const now = Date.now();
  return {
    provider: 'gigs',
    flowId: newFlowId(now),
    state: 'st',
    sessionId: 'csn_1',
    mode: 'redirect',
    reconnect: false,
    user: await userKey(user),
    page: '/connect/callback',
    started: now,
    expires: now + 60_000,
    nonce: 'n1',
    ...overrides,
  };
}

const pair = (setCookie: string) => setCookie.split(';')[0] ?? '';

describe('flow cookie', () => {
  it('is named by its flow, and read back for the same provider, user and time only', async () => {
    const record = await recordFor('u1');
    const cookie = await flowCookie(record, context, 900);
    expect(cookie).toMatch(new RegExp(`^rcf_flow_gigs_${record.flowId}=`));
    expect(cookie).toContain('Secure');
    const header = pair(cookie);
    expect(await readFlows(header, 'gigs', context, 'u1', 900)).toEqual([
      { cookieName: `rcf_flow_gigs_${record.flowId}`, record },
    ]);
    expect(await readFlows(header, 'gigs', context, 'u2', 900)).toEqual([]);
    expect(await readFlows(header, 'gigs', context, undefined, 900)).toEqual([]);
    expect(await readFlows(header, 'emerge', context, 'u1', 900)).toEqual([]);
    const stale = await flowCookie({ ...record, expires: Date.now() - 1 }, context, 900);
    expect(await readFlows(pair(stale), 'gigs', context, 'u1', 900)).toEqual([]);
  });

  it('keeps a digest of the user, not the id itself: a long id makes no long cookie', async () => {
    const record = await recordFor('x'.repeat(5000));
    const cookie = await flowCookie({ ...record, page: `/${'p'.repeat(511)}` }, context, 900);
    expect(pair(cookie).length).toBeLessThan(1500);
    expect(cookie).not.toContain('xxxx');
  });

  it('reads several flows of one provider, each by its own cookie', async () => {
    const first = await recordFor('u1', { flowId: newFlowId(1), state: 'a' });
    const second = await recordFor('u1', { flowId: newFlowId(2), state: 'b' });
    const header = [
      pair(await flowCookie(first, context, 900)),
      pair(await flowCookie(second, context, 900)),
    ].join('; ');
    const flows = await readFlows(header, 'gigs', context, 'u1', 900);
    expect(flows.map((each) => each.record.state)).toEqual(['a', 'b']);
  });

  it("accepts a cookie of 0.2 (named by provider, the user's id inside) through a rolling deploy", async () => {
    const expires = Date.now() + 60_000;
    const old = {
      provider: 'zapier',
      state: 'st',
      reconnect: false,
      user: 'u1',
      page: '/cb',
      expires,
      nonce: 'n',
    };
    const header = `rcf_flow_zapier=${await signValue(old, context.secret)}`;
    const [flow] = await readFlows(header, 'zapier', context, 'u1', 900);
    expect(flow?.cookieName).toBe('rcf_flow_zapier');
    expect(flow?.record).toMatchObject({ mode: 'redirect', started: expires - 900_000 });
    expect(await readFlows(header, 'zapier', context, 'u2', 900)).toEqual([]);
  });

  it('names sort oldest first: the id starts with its time in base 36', () => {
    const id = newFlowId(1_700_000_000_000);
    expect(id).toMatch(/^[0-9a-z]{9}[\w-]{8}$/);
    expect(createdAtOf(id)).toBe(1_700_000_000_000);
    const sent = sentFlowCookies(
      `rcf_flow_gigs_${id}=v; rcf_flow_emerge=w; other=x; rcf_flow_evil_x=y`,
    );
    expect(sent.map((each) => [each.provider, each.createdAt])).toEqual([
      ['gigs', 1_700_000_000_000],
      ['emerge', 0],
    ]);
  });

  it('a tampered cookie is no cookie', async () => {
    const cookie = pair(await flowCookie(await recordFor('u1'), context, 900));
    const tampered = cookie.replace(/=(.)/, (_m, c: string) => `=${c === 'a' ? 'b' : 'a'}`);
    expect(await readFlows(tampered, 'gigs', context, 'u1', 900)).toEqual([]);
  });
});

describe('userKeyIn: the user digest once per request', () => {
  it("answers userKey's digest, computed once per user where the context keeps keys", async () => {
    const request = { userKeys: new Map<string, Promise<string>>() };
    const first = userKeyIn(request, 'u1');
    expect(userKeyIn(request, 'u1')).toBe(first);
    expect(await first).toBe(await userKey('u1'));
    expect(await userKeyIn(request, 'u2')).toBe(await userKey('u2'));
    expect([...request.userKeys.keys()]).toEqual(['u1', 'u2']);
  });

  it('computes it afresh without a place to keep it', async () => {
    expect(userKeyIn({}, 'u1')).not.toBe(userKeyIn({}, 'u1'));
    expect(await userKeyIn({}, 'u1')).toBe(await userKey('u1'));
  });
});
