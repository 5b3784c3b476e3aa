// The React entry: the hooks and screens, and the core pieces an app using them needs. This
// barrel has no 'use client': each React module carries its own, so the non-React exports
// (parseCallback, the adapters) work in server components and route handlers.
// Each from its own module, not through the core barrel: a bundler that splits by file then
// keeps what only the flow's lazy part uses out of the page's first chunk.
export { ConsentStatusError } from './core/export/consentStatus';
export { ExportStatusError } from './core/export/exportFetch';
export { rememberFlow } from './core/browser/flowRecord';
export { parseCallback } from './core/model/parseCallback';
export { readProviderMessage } from './core/model/providerMessage';
export { emerge } from './core/model/providers/emerge';
export { gigs } from './core/model/providers/gigs';
export { builtInProviders } from './core/model/providers/index';
export { zapier } from './core/model/providers/zapier';
export { sharedMessages } from './core/model/sharedMessages';
export { callbackScreenText } from './react/callbackText';
export { CallbackScreen } from './react/CallbackScreen';
export { ConnectCallbackPage } from './react/ConnectCallbackPage';
export { ExportStatus } from './react/ExportStatus';
export { exportProviderNames, exportStatusText } from './react/exportStatusText';
export { useCallbackOutcome } from './react/useCallbackOutcome';
export { useConnect } from './react/useConnect';
export { useConsentStatus } from './react/useConsentStatus';
export { useExportStatus } from './react/useExportStatus';

export type {
  Action,
  AdminApprovalOutcome,
  AnyProviderAdapter,
  CallbackExpectation,
  CallbackParams,
  CancelledOutcome,
  ConnectEvent,
  ConnectOptions,
  ConnectOutcomeEvent,
  ConnectOutcome,
  ConnectSnapshot,
  ConnectStatus,
  ConnectStep,
  ConnectStepEvent,
  ConsentState,
  Decision,
  EmergeLaunch,
  ErrorOutcome,
  ExportEndpoint,
  ExportErrorKind,
  ExportReport,
  ExportSource,
  FailureDecision,
  FailureOutcome,
  GigsLaunch,
  KnownCode,
  LaunchContext,
  LaunchOf,
  OutcomeCode,
  OutcomeSummary,
  OwnCode,
  ParseCallbackOptions,
  PollSchedule,
  PopupSize,
  ProviderAdapter,
  ProviderConsent,
  RetryOutcome,
  Screen,
  SuccessDecision,
  SuccessOf,
  SuccessOutcome,
  ZapierLaunch,
} from './core/index';
export type {
  CallbackMessageKey,
  CallbackMessages,
  CallbackScreenTextKey,
} from './react/callbackText';
export type { CallbackPart, CallbackScreenProps, ScreenProps } from './react/CallbackScreen';
export type { ConnectCallbackPageProps } from './react/ConnectCallbackPage';
export type {
  ExportStatusDisplayProps,
  ExportStatusItem,
  ExportStatusPart,
  ExportStatusProps,
  ExportStatusRenderProps,
  ProviderExportState,
} from './react/ExportStatus';
export type { ExportStatusMessages } from './react/exportStatusText';
export type { CallbackOutcome, UseCallbackOutcomeOptions } from './react/useCallbackOutcome';
export type { UseConnectResult } from './react/useConnect';
export type {
  ConsentStatusState,
  UseConsentStatusOptions,
  UseConsentStatusResult,
} from './react/useConsentStatus';
export type {
  ExportStatusAddress,
  ExportStatusSettings,
  ExportStatusState,
  UseExportStatusOptions,
  UseExportStatusResult,
} from './react/useExportStatus';
