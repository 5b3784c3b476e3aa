import type { TestProject } from 'vitest/node';
import { startMockProviders } from '../../src/testing/index';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The mock providers' origin (`http://127.0.0.1:<port>`), another origin than the tests'. */
    providerOrigin: string;
  }
}

/** globalSetup of the `browser` project: the provider pages on a second origin. */
export default async function setup(project: TestProject) {
  const providers = await startMockProviders();
  project.provide('providerOrigin', providers.origin);
  return () => providers.close();
}
