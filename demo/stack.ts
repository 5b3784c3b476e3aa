import { startBackend, type BackendOptions } from './backend/server';
import { startMockProviders, type MockProviderOptions } from './providers/server';

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
  const mock = await startMockProviders({ ...options.providers, port: options.providersPort ?? 0 });
  try {
    const backend = await startBackend({
      providersOrigin: mock.origin,
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
