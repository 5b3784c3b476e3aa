// The testing entry, `react-connect-flow/testing`: mock Gigs, Emerge and Zapier providers on
// loopback for an app's own tests. Node only (node:http); never imported by the other entries.

export { startMockProviders } from './mockProviders';
export type { MockHandlerConfig, MockProviders } from './mockProviders';
export type { MockProviderOptions } from './mockConfig';
export type { MockWebhookEvent, MockWebhookOptions } from './emergeWebhook';
