import { describe, expect, it, vi } from 'vitest';
import { memoryDedupeStore, StoreFullError } from '../../../src/server/stores/dedupeStore';
import { StoreTimeoutError } from '../../../src/server/stores/webhookClaim';
import { basePath, testHandler, mockProvidersForFile } from '../handlerFixture';

const providers = mockProvidersForFile();

// The callback's side of the flow store (flowStore): a store that cannot record a flow as used
// fails closed. The callback becomes an error outcome, onConnected never runs, onError is told.
describe('a flow store that cannot record the callback', () => {
  it.each([
    ['is full of live flows', () => memoryDedupeStore({ maxKeys: 0 }), StoreFullError],
    [
      'hangs',
      () => ({ get: () => new Promise(() => undefined), set: () => undefined }),
      StoreTimeoutError,
    ],
  ])('%s: the callback is refused and reported', async (_name, flowStore, errorClass) => {
    const onError = vi.fn();
    const run = testHandler(providers(), { flowStore: flowStore(), onError });
    const { id } = (await (await run.launch('gigs')).json()) as { id: string };
    const back = await run.call(`${basePath}/callback/gigs?session_id=${id}&status=success`);
    expect(back.status).toBe(303);
    expect(run.onConnected).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.any(errorClass), {
      route: 'callback',
      provider: 'gigs',
      status: 303,
      code: 'store_unavailable',
    });
  });
});
