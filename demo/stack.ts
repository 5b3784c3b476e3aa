import { startBackend, type BackendOptions } from './backend/server';
import { startMockProviders, type MockProviderOptions } from '../src/testing/index';

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
}

export interface Demo {
  /** Where to open the app. */
  appOrigin: string;
  providersOrigin: string;
  close(): Promise<void>;
}

/** The mock providers on one origin, the app and its backend on another. */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  // The demo offers every outcome, the undocumented ones too: the e2e tests cover each.
  const mock = await startMockProviders({
    undocumentedOutcomes: true,
    ...options.providers,
    port: options.providersPort ?? 0,
  });
  try {
    const backend = await startBackend({
      providers: mock.handlerConfig,
      staticDir: options.staticDir,
      port: options.port ?? 0,
      onApiResponse: options.onApiResponse,
    });
    return {
      appOrigin: backend.origin,
      providersOrigin: mock.origin,
      close: async () => {
        await Promise.all([backend.close(), mock.close()]);
      },
    };
  } catch (error) {
    await mock.close();
    throw error;
  }
}
