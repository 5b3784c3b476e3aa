import { createHmac } from 'node:crypto';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  EmergeWebhookError,
  readHeader,
  verifyEmergeWebhook,
  type EmergeWebhook,
} from '../../../src/server/providers/emergeWebhook';

const secret = 'whsec_emerge_test_0123';
const sign = (body: string | Buffer, key = secret) =>
  createHmac('sha256', key).update(body).digest('hex');

const envelope = { timestamp: '2026-03-13T10:00:00Z', uid: 'psub_1', client_id: 'client_abc' };
const deliveryHeaders = {
  'idempotency-key': 'evt_123',
  'x-attempt-number': '2',
  'x-webhook-version': '2.0',
};

/** A body and the headers Emerge would send with it, as Node's `req.headers` has them. */
function delivery(body: unknown) {
  const raw = JSON.stringify(body);
  return { raw, headers: { ...deliveryHeaders, 'x-signature': sign(raw) } };
}

async function rejection(promise: Promise<unknown>): Promise<EmergeWebhookError> {
  const error: unknown = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EmergeWebhookError);
  const failure = error as EmergeWebhookError;
  expect(failure.message).not.toContain(secret);
  return failure;
}

describe('verifyEmergeWebhook: the six documented events', () => {
  it.each([
    [
      'consent.given',
      { provider: 'gmail', scopes: ['gmail.readonly'], valid_until: 'v', is_reauthorized: false },
      { provider: 'gmail', scopes: ['gmail.readonly'], validUntil: 'v', isReauthorized: false },
    ],
    [
      'consent.revoked',
      { provider: 'gmail', revoked_at: 'r', reason: 'account_deleted' },
      { provider: 'gmail', revokedAt: 'r', reason: 'account_deleted' },
    ],
    [
      'consent.expiring',
      { provider: 'gmail', valid_until: 'v', days_until_expiry: 3 },
      { provider: 'gmail', validUntil: 'v', daysUntilExpiry: 3 },
    ],
    [
      'consent.reauthorized',
      { provider: 'gmail', scopes: [], valid_until: 'v', is_returning_user: true },
      { provider: 'gmail', scopes: [], validUntil: 'v', isReturningUser: true },
    ],
    [
      'data.ready',
      { provider: 'google_data', resources: ['chrome.history'] },
      { provider: 'google_data', resources: ['chrome.history'] },
    ],
    [
      'data.failed',
      { provider: 'gmail', error_code: 'export_timeout', error_message: 'timed out' },
      { provider: 'gmail', errorCode: 'export_timeout', errorMessage: 'timed out' },
    ],
  ])('%s', async (event, source, expected) => {
    const body = { event, ...envelope, sources: [source] };
    const { raw, headers } = delivery(body);
    const webhook = await verifyEmergeWebhook(raw, headers, secret);
    expect(webhook).toEqual({
      known: true,
      event,
      idempotencyKey: 'evt_123',
      attempt: 2,
      version: '2.0',
      raw: body,
      payload: {
        timestamp: envelope.timestamp,
        uid: 'psub_1',
        clientId: 'client_abc',
        sources: [expected],
      },
    });
  });

  it('keeps an unknown event with its name and raw payload', async () => {
    const body = { event: 'data.deleted', uid: 'psub_1', extra: { nested: [1] } };
    const { raw, headers } = delivery(body);
    const webhook = await verifyEmergeWebhook(raw, headers, secret);
    expect(webhook).toMatchObject({
      known: false,
      event: 'data.deleted',
      payload: body,
      raw: body,
    });
  });

  it('narrows on known, then on event, exhaustively', async () => {
    /** App code as the docs suggest writing it: compiles only if narrowing works. */
    function describeWebhook(webhook: EmergeWebhook): string {
      if (!webhook.known) return `unknown ${webhook.event}`;
      switch (webhook.event) {
        case 'consent.given':
        case 'consent.reauthorized':
          return webhook.payload.sources.map((source) => source.scopes.join('+')).join();
        case 'consent.revoked':
          return webhook.payload.sources.map((source) => source.reason).join();
        case 'consent.expiring':
          return webhook.payload.sources.map((source) => source.daysUntilExpiry).join();
        case 'data.ready':
          return webhook.payload.sources.map((source) => source.resources?.length).join();
        case 'data.failed':
          return webhook.payload.sources.map((source) => source.errorCode).join();
        default:
          return webhook satisfies never;
      }
    }
    const failed = delivery({
      event: 'data.failed',
      sources: [{ provider: 'g', error_code: 'x' }],
    });
    const unknown = delivery({ event: 'data.deleted' });
    expect(describeWebhook(await verifyEmergeWebhook(failed.raw, failed.headers, secret))).toBe(
      'x',
    );
    expect(describeWebhook(await verifyEmergeWebhook(unknown.raw, unknown.headers, secret))).toBe(
      'unknown data.deleted',
    );
    expectTypeOf<Extract<EmergeWebhook, { known: false }>['event']>().toEqualTypeOf<string>();
  });
});

describe('verifyEmergeWebhook: body and header forms', () => {
  const body = { event: 'data.ready', ...envelope, sources: [{ provider: 'gmail' }] };
  const raw = JSON.stringify(body);

  it('accepts the body as a Buffer, a Uint8Array and an ArrayBuffer', async () => {
    const headers = { 'x-signature': sign(raw) };
    const bytes = new TextEncoder().encode(raw);
    for (const form of [Buffer.from(raw), bytes, bytes.buffer]) {
      await expect(verifyEmergeWebhook(form, headers, secret)).resolves.toMatchObject({
        event: 'data.ready',
      });
    }
  });

  it('signs the exact bytes: non-ASCII bodies verify too', async () => {
    const text = JSON.stringify({ event: 'data.failed', sources: [{ provider: 'é✓' }] });
    const webhook = await verifyEmergeWebhook(text, { 'X-Signature': sign(text) }, secret);
    expect(webhook).toMatchObject({ payload: { sources: [{ provider: 'é✓' }] } });
  });

  it('reads a fetch Headers object', async () => {
    const headers = new Headers({ ...deliveryHeaders, 'X-Signature': sign(raw) });
    await expect(verifyEmergeWebhook(raw, headers, secret)).resolves.toMatchObject({
      idempotencyKey: 'evt_123',
      attempt: 2,
      version: '2.0',
    });
  });

  it('reads plain-object headers case-insensitively, arrays included', async () => {
    const headers = {
      'X-Signature': [sign(raw)],
      'Idempotency-Key': ['evt_9'],
      'X-Attempt-Number': undefined,
    };
    await expect(verifyEmergeWebhook(raw, headers, secret)).resolves.toMatchObject({
      idempotencyKey: 'evt_9',
      attempt: 1,
      version: undefined,
    });
  });

  it('accepts an uppercase hex signature', async () => {
    const headers = { 'x-signature': sign(raw).toUpperCase() };
    await expect(verifyEmergeWebhook(raw, headers, secret)).resolves.toMatchObject({
      known: true,
    });
  });

  it.each([['0'], ['-2'], ['two'], ['1.5'], ['']])(
    'reads X-Attempt-Number %j as 1',
    async (attempt) => {
      const headers = { 'x-signature': sign(raw), 'x-attempt-number': attempt };
      await expect(verifyEmergeWebhook(raw, headers, secret)).resolves.toMatchObject({
        attempt: 1,
      });
    },
  );
});

describe('verifyEmergeWebhook: rejections', () => {
  const body = { event: 'consent.given', ...envelope, sources: [] };
  const raw = JSON.stringify(body);

  it('a tampered body', async () => {
    const tampered = raw.replace('psub_1', 'psub_2');
    const error = await rejection(
      verifyEmergeWebhook(tampered, { 'x-signature': sign(raw) }, secret),
    );
    expect(error.code).toBe('bad_signature');
    expect(error.message).not.toContain('psub_2');
  });

  it('a signature made with another secret', async () => {
    const headers = { 'x-signature': sign(raw, 'another-secret') };
    expect((await rejection(verifyEmergeWebhook(raw, headers, secret))).code).toBe('bad_signature');
  });

  it.each([
    ['no header at all', {}],
    ['an undefined header', { 'x-signature': undefined }],
    ['an empty header', { 'x-signature': '' }],
    ['an empty array', { 'x-signature': [] }],
  ])('a missing signature: %s', async (_, headers) => {
    const error = await rejection(verifyEmergeWebhook(raw, headers, secret));
    expect(error.code).toBe('missing_signature');
  });

  it('a missing signature in a Headers object', async () => {
    const error = await rejection(verifyEmergeWebhook(raw, new Headers(), secret));
    expect(error.code).toBe('missing_signature');
  });

  it.each([
    ['non-hex', 'z'.repeat(64)],
    ['truncated', sign(raw).slice(0, 63)],
    ['too long', `${sign(raw)}00`],
    ['prefixed', `sha256=${sign(raw)}`],
    ['two values', `${sign(raw)}, ${sign(raw)}`],
  ])('a malformed signature: %s', async (_, signature) => {
    const error = await rejection(verifyEmergeWebhook(raw, { 'x-signature': signature }, secret));
    expect(error.code).toBe('malformed_signature');
  });

  it.each([
    ['not JSON', 'event=consent.given'],
    ['a JSON array', '[{"event":"consent.given"}]'],
    ['a JSON string', '"consent.given"'],
    ['JSON null', 'null'],
    ['an object without event', '{"uid":"psub_1"}'],
    ['an object with a numeric event', '{"event":7}'],
  ])('a signed body that is %s', async (_, text) => {
    const error = await rejection(verifyEmergeWebhook(text, { 'x-signature': sign(text) }, secret));
    expect(error.code).toBe('invalid_body');
    expect(error.message).not.toContain(text);
  });

  it('a signed body that is not UTF-8', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const error = await rejection(
      verifyEmergeWebhook(bytes, { 'x-signature': sign(bytes) }, secret),
    );
    expect(error.code).toBe('invalid_body');
  });

  it('an empty secret is a configuration error, not a bad delivery', async () => {
    const headers = { 'x-signature': sign(raw) };
    await expect(verifyEmergeWebhook(raw, headers, '')).rejects.toThrow(TypeError);
  });

  it('checks the signature before reading the body', async () => {
    const error = await rejection(
      verifyEmergeWebhook('not json', { 'x-signature': sign('x') }, secret),
    );
    expect(error.code).toBe('bad_signature');
  });
});

describe('readHeader', () => {
  it('joins repeated values like Headers does', () => {
    expect(readHeader({ 'X-A': 'one', 'x-a': ['two', 'three'] }, 'x-a')).toBe('one, two, three');
    expect(
      readHeader(
        new Headers([
          ['x-a', 'one'],
          ['x-a', 'two'],
        ]),
        'X-A',
      ),
    ).toBe('one, two');
    expect(readHeader({ get: 'not a function' }, 'get')).toBe('not a function');
  });
});
