import { startBackend, type BackendOptions } from './backend/server';
import {
  startMockProviders,
  type MockProviderOptions,
  type MockWebhookEvent,
} from '../src/testing/index';

export interface DemoOptions {
  /** Port of the app and its backend (one origin). 0: random. */
  port?: number;
  /** Port of the mock providers (the second origin). 0: random. */
  providersPort?: number;
  /** The built app (demo/dist). */
  staticDir: string;
  /** Mock provider options (export delays, lifetimes, clock). */
  providers?: Omit<MockProviderOptions, 'port'>;
  /** Test-only hook: each answer of the app's API (see `BackendOptions`). */
  onApiResponse?: BackendOptions['onApiResponse'];
  /**
   * Like Emerge, send the backend a `data.ready` webhook as each source's export gets ready
   * (the mock's `exportDelays` after the consent). Defaults to true; tests that send their
   * own turn it off.
   */
  webhooks?: boolean | undefined;
  /** Test-only hook: a user's Emerge uid, once the backend verified their consent. */
  onEmergeUid?: ((uid: string) => void) | undefined;
}

export interface Demo {
  /** Where to open the app. */
  appOrigin: string;
  providersOrigin: string;
  /** Delivers a signed Emerge webhook to the backend, as Emerge does. */
  sendEmergeWebhook(event: MockWebhookEvent): Promise<Response>;
  close(): Promise<void>;
}

/** The mock's default export delays (`resolveConfig`), when the stack was given none. */
const defaultExportDelays = { google_data: 2000, gmail: 4000 };

/** The mock providers on one origin, the app and its backend on another. */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  // The demo offers every outcome, the undocumented ones too: the e2e tests cover each.
  const mock = await startMockProviders({
    undocumentedOutcomes: true,
    ...options.providers,
    port: options.providersPort ?? 0,
  });
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let webhookUrl = '';
  const sendEmergeWebhook = (event: MockWebhookEvent) => mock.sendEmergeWebhook(webhookUrl, event);
  /** Emerge's `data.ready` for each source once the mock reports its export ready. */
  function announceExports(uid: string) {
    const delays = options.providers?.exportDelays ?? defaultExportDelays;
    for (const [provider, delay] of Object.entries(delays)) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        sendEmergeWebhook({ event: 'data.ready', uid, sources: [{ provider }] }).catch(() => {});
      }, delay + 100);
      timers.add(timer);
    }
  }
  try {
    const backend = await startBackend({
      providers: mock.handlerConfig,
      staticDir: options.staticDir,
      port: options.port ?? 0,
      onApiResponse: options.onApiResponse,
      onEmergeUid: (uid) => {
        options.onEmergeUid?.(uid);
        if (options.webhooks !== false) announceExports(uid);
      },
    });
    webhookUrl = `${backend.origin}/api/connect/webhook/emerge`;
    return {
      appOrigin: backend.origin,
      providersOrigin: mock.origin,
      sendEmergeWebhook,
      close: async () => {
        for (const timer of timers) clearTimeout(timer);
        await Promise.all([backend.close(), mock.close()]);
      },
    };
  } catch (error) {
    await mock.close();
    throw error;
  }
}
