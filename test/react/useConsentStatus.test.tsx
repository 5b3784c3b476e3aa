import { render, renderHook } from '@testing-library/react';
import { StrictMode } from 'react';
import { ConsentStatusError } from '../../src/core/export/consentStatus';
import { ExportStatus } from '../../src/react/ExportStatus';
import { useConsentStatus } from '../../src/react/useConsentStatus';
import {
  advance,
  basePath,
  eventsUrl,
  exportAnswer,
  FakeEventSource,
  newClient,
  stream,
  stubFetch,
  setUpStreamEnvironment,
} from './streamHarness';

const consentPath = `${basePath}/consent-status`;
const validUntil = '2026-09-01T00:00:00.000Z';
const active = { provider: 'emerge', status: 'active', validUntil, daysLeft: 80 };
const expiring = { provider: 'emerge', status: 'expiring', validUntil, daysLeft: 5 };
setUpStreamEnvironment();

const consent = (...providers: unknown[]) => Response.json({ providers });
function watch() {
  const { wrapper } = newClient();
  return renderHook(() => useConsentStatus({ basePath }), { wrapper });
}

describe('useConsentStatus', () => {
  it('reads on mount, once the stream is open, then after each consent event only', async () => {
    const fetch = stubFetch({ [consentPath]: (n) => consent(n === 1 ? active : expiring) });
    const { result } = watch();
    expect(result.current).toMatchObject({ status: 'loading', providers: [], error: undefined });
    expect(FakeEventSource.all.map((source) => source.url)).toEqual([eventsUrl]);
    await stream((source) => source.open());
    expect(fetch.times(consentPath)).toHaveLength(1);
    expect(result.current).toMatchObject({ status: 'ready', providers: [active] });
    await advance(60 * 60_000);
    await stream((source) => source.send('export', { provider: 'emerge', status: 'ready' }));
    expect(fetch.times(consentPath)).toHaveLength(1);
    await stream((source) =>
      source.send('consent', { provider: 'emerge', status: 'expiring', daysUntilExpiry: 5 }),
    );
    expect(fetch.times(consentPath)).toHaveLength(2);
    expect(result.current).toMatchObject({ status: 'ready', providers: [expiring] });
  });

  it('reads again when the server subscribed late', async () => {
    const fetch = stubFetch({ [consentPath]: () => consent(active) });
    watch();
    await stream((source) => source.open());
    expect(fetch.times(consentPath)).toHaveLength(1);
    await stream((source) => source.send('subscribed', {}));
    expect(fetch.times(consentPath)).toHaveLength(2);
  });

  it('reads again after a reconnection, and on refetch()', async () => {
    const fetch = stubFetch({ [consentPath]: () => consent(active) });
    const { result } = watch();
    await stream((source) => source.open());
    await stream((source) => source.fail());
    await stream((source) => source.open());
    expect(fetch.times(consentPath)).toHaveLength(3);
    result.current.refetch();
    await advance(0);
    expect(fetch.times(consentPath)).toHaveLength(4);
  });

  it.each([
    ['not JSON', () => new Response('<html>')],
    ['no providers list', () => Response.json({ consent: 'yes' })],
    ['a list of something else', () => Response.json({ providers: 'emerge' })],
  ])('answers %s with an error, not a crash', async (_, answer) => {
    stubFetch({ [consentPath]: answer });
    const { result } = watch();
    await stream((source) => source.open());
    await advance(10_000);
    expect(result.current.status).toBe('error');
    expect(result.current.error).toBeInstanceOf(ConsentStatusError);
    expect(result.current.error).toMatchObject({ kind: 'bad-response' });
    expect(result.current.providers).toEqual([]);
  });

  it('stops listening on a 401, and asks no more', async () => {
    const fetch = stubFetch({ [consentPath]: () => new Response(null, { status: 401 }) });
    const { result } = watch();
    await stream((source) => source.open());
    expect(result.current.error).toMatchObject({ kind: 'unauthorized', status: 401 });
    await advance(0);
    expect(FakeEventSource.live()).toEqual([]);
    await advance(60 * 60_000);
    expect(fetch.times(consentPath)).toHaveLength(1);
  });

  it('shares the stream with useExportStatus, each reading only for its own events', async () => {
    const fetch = stubFetch({
      [consentPath]: () => consent(active),
      [`${basePath}/export-status`]: () => exportAnswer(false),
    });
    const { wrapper } = newClient();
    function Page() {
      useConsentStatus({ basePath });
      return <ExportStatus basePath={basePath} />;
    }
    render(<StrictMode>{wrapper({ children: <Page /> })}</StrictMode>);
    await advance(0);
    expect(FakeEventSource.all).toHaveLength(1);
    await stream((source) => source.open());
    await stream((source) => source.send('consent', { provider: 'emerge', status: 'revoked' }));
    await stream((source) => source.send('export', { provider: 'emerge', status: 'ready' }));
    expect(fetch.times(consentPath)).toHaveLength(2);
    expect(fetch.times(`${basePath}/export-status`)).toHaveLength(2);
  });

  it('reads on mount only with events: false', async () => {
    const fetch = stubFetch({ [consentPath]: () => consent(active) });
    const { wrapper } = newClient();
    const { result } = renderHook(() => useConsentStatus({ basePath, events: false }), {
      wrapper,
    });
    await advance(0);
    expect(FakeEventSource.all).toHaveLength(0);
    expect(result.current.status).toBe('ready');
    expect(fetch.times(consentPath)).toHaveLength(1);
  });
});
