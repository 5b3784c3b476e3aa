import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyEmergeWebhook } from '../../../src/server/providers/emergeWebhook';
import {
  eventsOfWebhook,
  frameOf,
  readUserEvent,
  type UserEvent,
} from '../../../src/server/events/userEvents';

const secret = 'whsec_emerge_test_0123';
const uid = 'psub_d4e5f6789012345678901234abcdef01';

/** A verified delivery of `event` with `sources`, as the webhook route gets it. */
async function webhook(event: string, sources: unknown[], extra: object = {}) {
  const raw = JSON.stringify({ event, uid, client_id: 'c', sources, ...extra });
  const signature = createHmac('sha256', secret).update(raw).digest('hex');
  return verifyEmergeWebhook(raw, { 'x-signature': signature }, secret);
}

const dataOf = (events: UserEvent[]) => events.map(({ event, data }) => ({ event, data }));

describe('eventsOfWebhook: what each documented webhook becomes', () => {
  it.each([
    ['data.ready', { provider: 'google_data' }, 'export', { status: 'ready' }],
    [
      'data.failed',
      { provider: 'gmail', error_code: 'export_timeout', error_message: 'DPAPI export timed out' },
      'export',
      { status: 'failed' },
    ],
    [
      'consent.given',
      { provider: 'gmail', scopes: ['s'], valid_until: '2026-09-01T00:00:00Z' },
      'consent',
      { status: 'given', validUntil: '2026-09-01T00:00:00.000Z' },
    ],
    [
      'consent.reauthorized',
      { provider: 'gmail', valid_until: '2026-09-01T00:00:00.000000+00:00' },
      'consent',
      { status: 'reauthorized', validUntil: '2026-09-01T00:00:00.000Z' },
    ],
    [
      'consent.expiring',
      { provider: 'google_data', valid_until: '2026-03-20T00:00:00Z', days_until_expiry: 7 },
      'consent',
      { status: 'expiring', validUntil: '2026-03-20T00:00:00.000Z', daysUntilExpiry: 7 },
    ],
    [
      'consent.revoked',
      { provider: 'gmail', revoked_at: '2026-03-13T00:00:00Z', reason: 'user_revoked' },
      'consent',
      { status: 'revoked' },
    ],
  ])('%s', async (name, source, event, data) => {
    const { uid: owner, events } = eventsOfWebhook(await webhook(name, [source]));
    expect(owner).toBe(uid);
    expect(dataOf(events)).toEqual([
      { event, data: { provider: 'emerge', source: source.provider, ...data } },
    ]);
    // Nothing of the webhook but the checked fields: no uid, no error text, no scopes.
    const frame = frameOf(events[0]!);
    expect(frame).not.toContain(uid);
    expect(frame).not.toMatch(/DPAPI|export_timeout|scopes|user_revoked/);
  });

  it('one event per source, each with its own opaque id; one without a source when none', async () => {
    const two = eventsOfWebhook(
      await webhook('data.ready', [{ provider: 'google_data' }, { provider: 'gmail' }]),
    );
    expect(two.events.map((each) => each.data.source)).toEqual(['google_data', 'gmail']);
    const [first, second] = two.events;
    expect(first!.id).not.toBe(second!.id);
    expect(first!.id).toMatch(/^[0-9a-f-]{36}$/);
    const none = eventsOfWebhook(await webhook('data.ready', []));
    expect(dataOf(none.events)).toEqual([
      { event: 'export', data: { provider: 'emerge', status: 'ready' } },
    ]);
  });

  it('drops what does not check: an odd source name, a bad date, days on a non-expiring event', async () => {
    const { events } = eventsOfWebhook(
      await webhook('consent.given', [
        { provider: 'gmail\nevent: export', valid_until: 'soon', days_until_expiry: 3 },
      ]),
    );
    expect(dataOf(events)).toEqual([
      { event: 'consent', data: { provider: 'emerge', status: 'given' } },
    ]);
  });

  it('nothing for an unknown event or one without a uid', async () => {
    expect(
      eventsOfWebhook(await webhook('account.deleted', [{ provider: 'gmail' }])).events,
    ).toEqual([]);
    expect(
      eventsOfWebhook(await webhook('data.ready', [{ provider: 'gmail' }], { uid: '' })).events,
    ).toEqual([]);
  });
});

describe('frameOf and readUserEvent', () => {
  const event: UserEvent = {
    id: '0b0c2f4e-8f2a-4c55-9d7e-5c8a0d3c1a11',
    event: 'consent',
    data: { provider: 'emerge', status: 'expiring', daysUntilExpiry: 3, source: 'google_data' },
  };

  it('frames an event as SSE: id, event, one data line of JSON', () => {
    expect(frameOf(event)).toBe(
      'id: 0b0c2f4e-8f2a-4c55-9d7e-5c8a0d3c1a11\nevent: consent\n' +
        'data: {"provider":"emerge","status":"expiring","daysUntilExpiry":3,"source":"google_data"}\n\n',
    );
  });

  it('reads back what was published, and nothing more', () => {
    expect(readUserEvent(JSON.stringify(event))).toEqual(event);
    const extra = { ...event, uid, data: { ...event.data, uid, note: 'x' } };
    expect(readUserEvent(JSON.stringify(extra))).toEqual(event);
  });

  it.each([
    ['not JSON', '{'],
    ['no data', JSON.stringify({ id: 'a', event: 'export' })],
    [
      'another provider',
      JSON.stringify({ id: 'a', event: 'export', data: { provider: 'x', status: 'ready' } }),
    ],
    [
      'an unknown event',
      JSON.stringify({ id: 'a', event: 'other', data: { provider: 'emerge', status: 'ready' } }),
    ],
    [
      'a status of another event',
      JSON.stringify({ id: 'a', event: 'export', data: { provider: 'emerge', status: 'given' } }),
    ],
    [
      'an id with a newline',
      JSON.stringify({
        id: 'a\ndata: x',
        event: 'export',
        data: { provider: 'emerge', status: 'ready' },
      }),
    ],
    [
      'an empty id',
      JSON.stringify({ id: '', event: 'export', data: { provider: 'emerge', status: 'ready' } }),
    ],
  ])('refuses %s', (_name, message) => {
    expect(readUserEvent(message)).toBeUndefined();
  });
});
