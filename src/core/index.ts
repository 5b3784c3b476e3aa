export { appendCallbackParams, removeCallbackParams } from './callbackUrl';
export { createConnectFlow } from './connectFlow';
export { exportReadiness, parseExportStatus } from './exportStatus';
export {
  ExportStatusError,
  loadExportStatus,
  notFoundGrace,
  pollExportStatus,
  retryAfterMs,
} from './exportFetch';
export { defaultPollSchedule, nextPollDelay } from './pollSchedule';
export { readProviderMessage } from './message';
export { outcomeMessages } from './messages';
export { createOutcome, failure } from './outcome';
export { decide, parseCallback } from './parseCallback';
export { emerge } from './providers/emerge';
export { gigs } from './providers/gigs';
export { providers, resolveProvider } from './providers/index';
export { zapier } from './providers/zapier';
export { consumeFlowContext, safeReturnPath, saveFlowContext } from './flowContext';
export { isRelayMessage, relayCallback, relayChannelName } from './relay';
export { consumeFlow, consumeState, createState, saveFlow, saveState } from './state';

export type {
  ConnectFlow,
  ConnectOptions,
  ConnectProvider,
  ConnectSnapshot,
  ConnectStatus,
  FlowEnvironment,
  LaunchOf,
  SuccessOf,
} from './connectFlow';
export type { FlowContext } from './flowContext';
export type { PopupSize } from './popup';
export type { RelayMessage } from './relay';
export type { ExportSource, ExportStatus } from './exportStatus';
export type { ExportEndpoint, ExportErrorKind, ExportPoll } from './exportFetch';
export type { PollSchedule, PollTiming } from './pollSchedule';
export type { MessageLike } from './message';
export type { OutcomeMessageKey } from './messages';
export type { ParseCallbackOptions } from './parseCallback';
export type { EmergeLaunch } from './providers/emerge';
export type { GigsLaunch } from './providers/gigs';
export type { ZapierLaunch } from './providers/zapier';
export type {
  Action,
  AdminApprovalOutcome,
  CallbackParams,
  ConnectOutcome,
  ErrorOutcome,
  LaunchContext,
  OutcomeParts,
  OwnCode,
  ParseContext,
  ProviderAdapter,
  ProviderId,
  RetryOutcome,
  Screen,
  SuccessOutcome,
} from './types';
