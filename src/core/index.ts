// `react-connect-flow/core`: everything that decides, with no React. Safe on a server, in a
// route handler, in a worker, or under another framework.
export { appendCallbackParams } from './callbackUrl';
export { CallbackPage, readCallback, scrubbedAddress, windowCallbackBrowser } from './callbackPage';
export { createConnectFlow } from './connectFlow';
export { createState } from './csrfState';
export {
  ExportStatusError,
  fatalExportErrors,
  loadExportStatus,
  retryAfterMs,
} from './exportFetch';
export {
  defaultExportTimeLimit,
  isPastDeadline,
  notFoundGrace,
  pollExportStatus,
} from './exportPoll';
export { exportReadiness, failedExportStatuses, parseExportStatus } from './exportStatus';
export { defaultPopupSize, windowFlowBrowser } from './flowBrowser';
export { rememberFlow, safeReturnPath } from './flowContext';
export { safeLaunchUrl } from './launchUrl';
export { messageFor } from './outcome';
export { isOutcomeSummary, restoreOutcome, summarize } from './outcomeSummary';
export { decideCallback, detectProvider, parseCallback } from './parseCallback';
export { readClosedPopup } from './popupClosing';
export { defaultPollSchedule, nextPollDelay } from './pollSchedule';
export { readProviderMessage } from './providerMessage';
export { listenForMessages } from './messageListener';
export { listenForRelay } from './relayListener';
export { emerge, emergeMessages } from './providers/emerge';
export { gigs, gigsMessages } from './providers/gigs';
export { builtInProviders } from './providers/index';
export { zapier, zapierMessages } from './providers/zapier';
export { sharedMessages } from './sharedMessages';

export type {
  CallbackBrowser,
  CallbackCallbacks,
  CallbackPageOptions,
  CallbackView,
} from './callbackPage';
export type {
  ConnectFlow,
  ConnectOptions,
  ConnectSnapshot,
  ConnectStatus,
  FlowEnvironment,
  LaunchOf,
  SuccessOf,
} from './connectFlow';
export type { ExportEndpoint, ExportErrorKind } from './exportFetch';
export type { ExportPoll, PollSettings } from './exportPoll';
export type { ExportReadiness, ExportReport, ExportSource } from './exportStatus';
export type { FlowBrowser, PopupHandle, PopupSize, RelayChannel } from './flowBrowser';
export type { FlowContext } from './flowContext';
export type { OutcomeSummary } from './outcomeSummary';
export type { ParseCallbackOptions } from './parseCallback';
export type { ClosedPopupFacts } from './popupClosing';
export type { PollSchedule, PollTiming } from './pollSchedule';
export type { MessageLike, MessageSender } from './providerMessage';
export type { ListenContext, ResultListener } from './resultListener';
export type { EmergeCode, EmergeLaunch } from './providers/emerge';
export type { GigsCode, GigsLaunch } from './providers/gigs';
export type { ZapierCode, ZapierLaunch } from './providers/zapier';
export type { SharedMessageKey } from './sharedMessages';
export type {
  Action,
  AdminApprovalOutcome,
  AnyProviderAdapter,
  CallbackExpectation,
  CallbackParams,
  CancelledOutcome,
  ConnectOutcome,
  Decision,
  ErrorOutcome,
  FailureDecision,
  FailureOutcome,
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
} from './types';
