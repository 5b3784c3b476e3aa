import { describe, expect, it } from 'vitest';
import { cookieBudget } from '../../../src/server/cookies/cookieJar';
import { selectFlow } from '../../../src/server/routes/flowDecision';
import type { FlowRecord, SentFlow } from '../../../src/server/cookies/flowCookie';
import {
  authorizeAtZapier,
  basePath,
  consentAtEmerge,
  mockProvidersForFile,
  openZapierPopup,
  testHandler,
  zapierWithApps,
} from '../handlerFixture';

const providers = mockProvidersForFile();

const flow = (state: string, extra: Partial<FlowRecord> = {}): SentFlow => ({
  cookieName: `rcf_flow_zapier_${state}`,
  record: { state, ...extra } as FlowRecord,
});

describe('selectFlow: the one flow a callback belongs to', () => {
  const flows = [
    flow('s1', { sessionId: 'csn_1', app: 'SlackAPI' }),
    flow('s2', { sessionId: 'csn_2', app: 'GoogleSheetsV2API' }),
  ];

  it('picks by the state it echoes, else the Gigs session, else the Zapier app', () => {
    expect(selectFlow(flows, { state: 's2' })).toBe(flows[1]);
    expect(selectFlow(flows, { sessionId: 'csn_1' })).toBe(flows[0]);
    expect(selectFlow(flows, { service: 'GoogleSheetsV2API' })).toBe(flows[1]);
  });

  it('guesses nothing: several fits are ambiguous, no fit among several is none', () => {
    expect(selectFlow(flows, {})).toBe('ambiguous');
    expect(selectFlow([...flows, flow('s3', { app: 'SlackAPI' })], { service: 'SlackAPI' })).toBe(
      'ambiguous',
    );
    expect(selectFlow(flows, { state: 'crafted' })).toBeUndefined();
    expect(selectFlow(flows, { service: 'OtherAPI' })).toBeUndefined();
  });

  it('decides a mismatched state or session against a lone flow (which is then left alone)', () => {
    expect(selectFlow([flows[0]!], { state: 'crafted' })).toBe(flows[0]);
    expect(selectFlow([flows[0]!], { service: 'OtherAPI' })).toBeUndefined();
  });
});

describe('several flows at once, in one browser', () => {
  const apps = (origin: string) => zapierWithApps(origin, ['SlackAPI', 'GoogleSheetsV2API']);

  it('two Zapier redirect flows for different apps each find their own flow (by service)', async () => {
    const run = testHandler(providers(), { zapier: apps(providers()) });
    const slack = await authorizeAtZapier(run, 'SlackAPI', 'A'.repeat(43));
    const sheets = await authorizeAtZapier(run, 'GoogleSheetsV2API', 'B'.repeat(43));
    await run.call(sheets);
    expect((await run.readResult()).outcome).toMatchObject({
      screen: 'success',
      service: 'GoogleSheetsV2API',
    });
    await run.call(slack);
    expect((await run.readResult()).outcome).toMatchObject({
      screen: 'success',
      service: 'SlackAPI',
    });
    expect(run.onConnected).toHaveBeenCalledTimes(2);
  });

  it('two Zapier popup flows for different apps are each confirmed by their state', async () => {
    const run = testHandler(providers(), { zapier: apps(providers()) });
    const first = await openZapierPopup(run, 'SlackAPI', 'A'.repeat(43));
    const second = await openZapierPopup(run, 'GoogleSheetsV2API', 'B'.repeat(43));
    const confirm = async (authenticationId: string, state: string) =>
      (
        (await (
          await run.call(`${basePath}/confirm/zapier`, {
            method: 'POST',
            body: JSON.stringify({ authenticationId, state }),
          })
        ).json()) as { outcome: object }
      ).outcome;
    expect(await confirm(second, 'B'.repeat(43))).toMatchObject({
      screen: 'success',
      authenticationId: second,
    });
    expect(await confirm(first, 'A'.repeat(43))).toMatchObject({
      screen: 'success',
      authenticationId: first,
    });
  });

  it('a Gigs and an Emerge flow at once: each callback reads its own result', async () => {
    const run = testHandler(providers());
    const { id } = (await (await run.launch('gigs')).json()) as { id: string };
    const { url } = (await (await run.launch('emerge', { state: 'E'.repeat(43) })).json()) as {
      url: string;
    };
    const emergeWay = await consentAtEmerge(url);
    await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    const gigsPage = run.last.location;
    await run.call(emergeWay);
    expect((await run.readResult()).outcome).toMatchObject({
      screen: 'success',
      provider: 'emerge',
    });
    run.last.location = gigsPage;
    expect((await run.readResult()).outcome).toMatchObject({ screen: 'success', provider: 'gigs' });
  });

  it('keeps three flows per provider, dropping the oldest, and every set of cookies under 8 KiB', async () => {
    const run = testHandler(providers());
    const longPage = `/connect/callback?${'q'.repeat(480)}`;
    for (let i = 0; i < 5; i += 1) {
      const response = await run.launch('gigs', { state: `${i}`.repeat(43), page: longPage });
      expect(response.status).toBe(200);
      for (const line of response.headers.getSetCookie()) {
        expect(line.split(';')[0]!.length).toBeLessThanOrEqual(4096);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (let i = 0; i < 3; i += 1)
      await run.launch('emerge', { state: `e${i}`.repeat(21) + 'x', page: longPage });
    const names = [...run.jar.cookies.keys()];
    expect(names.filter((name) => name.startsWith('rcf_flow_gigs_')).length).toBeLessThanOrEqual(3);
    expect(run.jar.header().length).toBeLessThanOrEqual(cookieBudget);
  });
});
