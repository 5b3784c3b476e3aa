// The server entry, `react-connect-flow/server`: web standards only (fetch, WebCrypto), no
// runtime dependencies, for Node 20+ and edge runtimes. Nothing here may reach the browser.

export { createEmergeLink } from './emergeLink';
export type { EmergeLinkOptions } from './emergeLink';

export { verifyEmergeWebhook, EmergeWebhookError } from './emergeWebhook';
export type {
  EmergeWebhook,
  EmergeKnownWebhook,
  EmergeUnknownWebhook,
  EmergeEventWebhook,
  EmergeWebhookDelivery,
  EmergeWebhookErrorCode,
  WebhookHeaders,
} from './emergeWebhook';
export type {
  EmergeEventName,
  EmergeSourceByEvent,
  EmergeWebhookPayload,
  EmergeConsentGivenSource,
  EmergeConsentRevokedSource,
  EmergeConsentExpiringSource,
  EmergeConsentReauthorizedSource,
  EmergeDataReadySource,
  EmergeDataFailedSource,
} from './emergeWebhookEvent';

export { getEmergeExportStatus } from './emergeExportStatus';
export type { EmergeExportStatus, EmergeExportStatusOptions } from './emergeExportStatus';
// The browser client's error class, re-exported so server code can match on it.
export { ExportStatusError } from '../core/exportFetch';
export type { ExportErrorKind } from '../core/exportFetch';
export type { ExportSource } from '../core/exportStatus';

export { createGigsSession } from './gigsSession';
export type {
  GigsSessionOptions,
  GigsConnectSession,
  GigsUserDetails,
  GigsAppearance,
} from './gigsSession';
export type {
  GigsIntent,
  GigsIntentType,
  GigsCheckoutNewSubscription,
  GigsPortingBehavior,
  GigsSubscriptionTarget,
} from './gigsIntent';

export { createZapierConnectToken } from './zapierToken';
export type { ZapierConnectToken, ZapierConnectTokenOptions } from './zapierToken';

export { ProviderRequestError } from './providerError';
export type { ProviderName, ProviderFailure } from './providerError';
export type { FetchFunction, FetchOptions } from './providerFetch';

export { hmacSha256Hex, timingSafeEqualHex } from './hmac';

export { createConnectHandler } from './connectHandler';
export type {
  ConnectedEvent,
  ConnectHandlerConfig,
  EmergeServerConfig,
  GigsServerConfig,
  LaunchRequest,
  ServerProvider,
  ZapierServerConfig,
} from './handlerConfig';
export { memoryDedupeStore } from './dedupeStore';
export type { DedupeStore } from './dedupeStore';
export { readResultCookie } from './flowCookie';
export { nodeListener } from './nodeListener';
export type { NodeRequest, NodeResponse } from './nodeListener';
export type { CookieSecret } from './signedCookie';
export type { VerifiedOutcome } from '../core/outcomeSummary';
