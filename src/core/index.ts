// `react-connect-flow/core`: everything that decides, with no React. Safe on a server, in a
// route handler, in a worker, or under another framework.
export { appendCallbackParams } from './model/callbackUrl';
export {
  CallbackPage,
  readCallback,
  scrubbedAddress,
  windowCallbackBrowser,
} from './page/callbackPage';
export { createConnectFlow } from './flow/connectFlow';
export { createState } from './shared/csrfState';
export { ConsentStatusError, loadConsentStatus, parseConsentStatus } from './export/consentStatus';
export { EventStreams, sharedEventStreams } from './export/eventStreams';
export {
  errorKindOf,
  ExportStatusError,
  fatalExportErrors,
  loadExportStatus,
  retryAfterMs,
} from './export/exportFetch';
export {
  defaultExportTimeLimit,
  isPastDeadline,
  notFoundGrace,
  pollExportStatus,
} from './export/exportPoll';
export { exportReadiness, failedExportStatuses, parseExportStatus } from './export/exportStatus';
export { defaultPopupSize, windowFlowBrowser } from './browser/flowBrowser';
export { rememberFlow } from './browser/flowRecord';
export { safeReturnPath } from './wire/protocol';
export { safeLaunchUrl } from './flow/launchUrl';
export { messageFor } from './model/outcome';
export { isOutcomeSummary, restoreOutcome, summarize } from './model/outcomeSummary';
export { decideCallback, detectProvider, parseCallback } from './model/parseCallback';
export { readClosedPopup } from './flow/popupWatch';
export { defaultPollSchedule, nextPollDelay } from './export/pollSchedule';
export { readProviderMessage } from './model/providerMessage';
export { emerge, emergeMessages } from './model/providers/emerge';
export { gigs, gigsMessages } from './model/providers/gigs';
export { builtInProviders } from './model/providers/index';
export { zapier, zapierMessages } from './model/providers/zapier';
export { sharedMessages } from './model/sharedMessages';

export type {
  CallbackBrowser,
  CallbackCallbacks,
  CallbackPageOptions,
  CallbackView,
} from './page/callbackPage';
export type {
  ConnectFlow,
  ConnectOptions,
  ConnectSnapshot,
  ConnectStatus,
  FlowEnvironment,
  LaunchOf,
  SuccessOf,
} from './flow/connectFlow';
export type {
  ConnectEvent,
  ConnectOutcomeEvent,
  ConnectStep,
  ConnectStepEvent,
} from './browser/connectEvent';
export type { ConsentState, ProviderConsent } from './export/consentStatus';
export type {
  EventSourceConstructor,
  EventSourceLike,
  EventStreamsEnvironment,
  PageVisibility,
  StreamSignal,
} from './export/eventStreams';
export type { ExportEndpoint, ExportErrorKind } from './export/exportFetch';
export type { ExportPoll, PollSettings } from './export/exportPoll';
export type { ExportReadiness, ExportReport, ExportSource } from './export/exportStatus';
export type { FlowBrowser, PopupHandle, PopupSize, RelayChannel } from './browser/flowBrowser';
export type { FlowRecord } from './browser/flowRecord';
export type { OutcomeSummary } from './model/outcomeSummary';
export type { ParseCallbackOptions } from './model/parseCallback';
export type { ClosedPopupFacts } from './flow/popupWatch';
export type { PollSchedule, PollTiming } from './export/pollSchedule';
export type { MessageLike, MessageSender } from './model/providerMessage';
export type { EmergeLaunch } from './model/providers/emerge';
export type { GigsLaunch } from './model/providers/gigs';
export type { ZapierLaunch } from './model/providers/zapier';
export type { SharedMessageKey } from './model/sharedMessages';
export type {
  Action,
  AdminApprovalOutcome,
  AnyProviderAdapter,
  CallbackExpectation,
  CallbackParams,
  CancelledOutcome,
  ConnectOutcome,
  Decision,
  EmergeCode,
  ErrorOutcome,
  FailureDecision,
  FailureOutcome,
  GigsCode,
  KnownCode,
  LaunchContext,
  OutcomeCode,
  OutcomeIds,
  OwnCode,
  ProviderAdapter,
  RetryOutcome,
  Screen,
  SuccessBinding,
  SuccessDecision,
  SuccessOutcome,
  ZapierCode,
} from './model/types';
