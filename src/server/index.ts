// The server entry, `react-connect-flow/server`: web standards only (fetch, WebCrypto), no
// runtime dependencies, for Node 20+ and edge runtimes. Nothing here may reach the browser.

export { createEmergeLink } from './providers/emergeLink';
export type { EmergeLinkOptions } from './providers/emergeLink';

export { verifyEmergeWebhook, EmergeWebhookError } from './providers/emergeWebhook';
export type {
  EmergeWebhook,
  EmergeKnownWebhook,
  EmergeUnknownWebhook,
  EmergeEventWebhook,
  EmergeWebhookDelivery,
  EmergeWebhookErrorCode,
  WebhookHeaders,
} from './providers/emergeWebhook';
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
} from './providers/emergeWebhookEvent';

export { getEmergeExportStatus } from './providers/emergeExportStatus';
export type { EmergeExportStatus, EmergeExportStatusOptions } from './providers/emergeExportStatus';
// The browser client's error class, re-exported so server code can match on it.
export { ExportStatusError } from '../core/export/exportFetch';
export type { ExportErrorKind } from '../core/export/exportFetch';
export type { ExportSource } from '../core/export/exportStatus';

export { createGigsSession } from './providers/gigsSession';
export type {
  GigsSessionOptions,
  GigsConnectSession,
  GigsUserDetails,
  GigsAppearance,
} from './providers/gigsSession';
export type {
  GigsIntent,
  GigsIntentType,
  GigsCheckoutNewSubscription,
  GigsPortingBehavior,
  GigsSubscriptionTarget,
} from './providers/gigsIntent';

export { createZapierConnectToken } from './providers/zapierToken';
export type { ZapierConnectToken, ZapierConnectTokenOptions } from './providers/zapierToken';

export { ProviderRequestError } from './providers/providerError';
export type { ProviderName, ProviderFailure } from './providers/providerError';
export type { FetchFunction, FetchOptions } from './providers/providerFetch';

export { hmacSha256Hex, timingSafeEqualHex } from './hmac';

export { createConnectHandler } from './connectHandler';
export type { ConnectHandler, ResultRequest } from './connectHandler';
export { consoleErrorHandler, HandlerFailure } from './failures';
export type { ErrorHandler, FailureInfo, HandlerRoute } from './failures';
export type {
  ConnectedEvent,
  ConnectHandlerConfig,
  EmergeServerConfig,
  GigsServerConfig,
  LaunchRequest,
  ServerProvider,
  ZapierServerConfig,
} from './handlerConfig';
export { memoryDedupeStore, StoreFullError } from './stores/dedupeStore';
export type { DedupeStore, MemoryDedupeStoreOptions } from './stores/dedupeStore';
export { redisStore } from './stores/redisStore';
export type { IoRedisClient, NodeRedisClient, RedisClient } from './stores/redisStore';
export { StoreTimeoutError } from './stores/webhookClaim';
export { memoryEvents } from './events/memoryEvents';
export type { MemoryEvents } from './events/memoryEvents';
export { redisEvents } from './events/redisEvents';
export type {
  RedisEvents,
  RedisEventsOptions,
  IoRedisSubscriber,
  NodeRedisSubscriber,
} from './events/redisEvents';
export type { ConnectEvents } from './events/connectEvents';
export type { UserEvent, ExportEventData, ConsentEventData } from './events/userEvents';
export type { ConsentStatusEntry } from './routes/consentStatusRoute';
export { readResultCookie } from './cookies/resultCookie';
export { nodeListener } from './http/nodeListener';
export type { NodeRequest, NodeResponse } from './http/nodeListener';
export type { CookieSecret } from './cookies/signedCookie';
export type { VerifiedOutcome } from '../core/model/outcomeSummary';
