import { describe, expect, it } from 'vitest';
import { createGigsSession, readGigsSession } from '../../../src/server/providers/gigsSession';
import type { FetchFunction } from '../../../src/server/providers/providerFetch';
import { ProviderRequestError } from '../../../src/server/providers/providerError';
import {
  closedPortUrl,
  errorReplies,
  expectNoLeak,
  onlyRequest,
  mockProviderPerFile,
} from '../mockHttp';

const apiToken = 'gigs_test_token_9c2f';
const sessionUrl = 'https://connect.gigs.com/checkout/entry?session=csn_abc&token=sess_secret_77';
const session = {
  object: 'connectSession',
  id: 'csn_abc',
  appearance: { theme: 'light' },
  callbackUrl: 'https://app.example.com/gigs/callback',
  intent: { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: 'pln_1' } },
  url: sessionUrl,
  user: 'usr_1',
};
const intent = {
  type: 'checkoutNewSubscription',
  checkoutNewSubscription: { plan: 'pln_1' },
} as const;

const provider = mockProviderPerFile(() => ({ status: 201, body: session }));

describe('createGigsSession: the request Gigs documents', () => {
  it('POSTs the JSON body with bearer auth to the project path', async () => {
    const created = await createGigsSession({
      apiToken,
      project: 'proj one/2',
      intent,
      callbackUrl: 'https://app.example.com/gigs/callback?x=1',
      user: 'usr_1',
      appearance: { theme: 'dark' },
      baseUrl: provider.baseUrl,
    });
    const request = onlyRequest(provider);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/projects/proj%20one%2F2/connectSessions');
    expect(request.headers.authorization).toBe(`Bearer ${apiToken}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      intent,
      callbackUrl: 'https://app.example.com/gigs/callback?x=1',
      user: 'usr_1',
      appearance: { theme: 'dark' },
    });
    expect(created).toEqual(session);
  });

  it('sends only the given fields', async () => {
    await createGigsSession({
      apiToken,
      project: 'p',
      intent: { type: 'viewSubscriptions' },
      userDetails: { email: 'ada@example.com', fullName: 'Ada' },
      callbackUrl: undefined,
      baseUrl: provider.baseUrl,
    });
    expect(JSON.parse(onlyRequest(provider).body)).toEqual({
      intent: { type: 'viewSubscriptions' },
      userDetails: { email: 'ada@example.com', fullName: 'Ada' },
    });
  });

  it('sends explicit nulls, which Gigs accepts', async () => {
    await createGigsSession({
      apiToken,
      project: 'p',
      intent,
      callbackUrl: null,
      user: null,
      baseUrl: provider.baseUrl,
    });
    expect(JSON.parse(onlyRequest(provider).body)).toEqual({
      intent,
      callbackUrl: null,
      user: null,
    });
  });

  it('goes to https://api.gigs.com by default, through an injected fetch', async () => {
    const seen: Request[] = [];
    const fetch: FetchFunction = (request) => {
      seen.push(request);
      return Promise.resolve(Response.json(session, { status: 201 }));
    };
    await expect(createGigsSession({ apiToken, project: 'prj', intent, fetch })).resolves.toEqual(
      session,
    );
    const [request] = seen;
    expect(request?.url).toBe('https://api.gigs.com/projects/prj/connectSessions');
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('authorization')).toBe(`Bearer ${apiToken}`);
    await expect(request?.json()).resolves.toEqual({ intent });
  });

  it('refuses an empty token or project before sending anything', async () => {
    const options = { apiToken, project: 'p', intent, baseUrl: provider.baseUrl };
    await expect(createGigsSession({ ...options, apiToken: '' })).rejects.toThrow(TypeError);
    await expect(createGigsSession({ ...options, project: '' })).rejects.toThrow(TypeError);
    expect(provider.requests).toHaveLength(0);
  });
});

describe('createGigsSession: errors never carry the token or the session url', () => {
  const secrets = [apiToken, sessionUrl, 'sess_secret_77'];

  it.each(errorReplies(`${apiToken} ${sessionUrl}`))('%s', async (_, reply, expected) => {
    provider.reply = reply;
    const options = { apiToken, project: 'p', intent, baseUrl: provider.baseUrl };
    const error: unknown = await createGigsSession(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRequestError);
    expect(error).toMatchObject({ provider: 'gigs', ...expected });
    expect((error as Error).message).toMatch(/^gigs: [a-z-]+ \(HTTP \d{3}\)$/);
    expectNoLeak(error, secrets);
  });

  it.each([
    ['no id', { ...session, id: undefined }],
    ['an id that is not csn_', { ...session, id: 'sub_1' }],
    ['no url', { ...session, url: undefined }],
    ['an empty url', { ...session, url: '' }],
  ])('a 201 with %s is a bad response', async (_, body) => {
    provider.reply = { status: 201, body };
    const options = { apiToken, project: 'p', intent, baseUrl: provider.baseUrl };
    const error: unknown = await createGigsSession(options).catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: 'gigs', kind: 'bad-response', status: 201 });
    expectNoLeak(error, secrets);
  });

  it('a network failure (a closed port)', async () => {
    const options = { apiToken, project: 'p', intent, baseUrl: await closedPortUrl() };
    const error: unknown = await createGigsSession(options).catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: 'gigs', kind: 'network', message: 'gigs: network' });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expectNoLeak(error, secrets);
  });
});

describe('readGigsSession', () => {
  it('keeps extra fields and documented fields of the documented type', () => {
    const read = readGigsSession({ ...session, future: 1, user: 5, appearance: { theme: 3 } });
    expect(read).toEqual({ ...session, future: 1, user: undefined, appearance: {} });
    expect(read && 'user' in read).toBe(false);
  });

  it('keeps null where Gigs documents null', () => {
    const read = readGigsSession({ ...session, user: null, callbackUrl: null, appearance: null });
    expect(read).toMatchObject({ user: null, callbackUrl: null, appearance: null });
  });

  it('drops an intent without a string type', () => {
    expect(readGigsSession({ ...session, intent: { plan: 'x' } })).not.toHaveProperty('intent');
  });

  it.each([[null], ['csn_1'], [[session]]])('is undefined for %j', (body) => {
    expect(readGigsSession(body)).toBeUndefined();
  });
});
