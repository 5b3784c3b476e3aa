'use client';
// The React entry: the hooks and screens, plus the core pieces an app using them needs.
// Everything else (flow controller, storage, relay, polling internals) is in
// `react-connect-flow/core`.
export {
  emerge,
  ExportStatusError,
  gigs,
  outcomeMessages,
  parseCallback,
  readProviderMessage,
  zapier,
} from './core/index';
export { CallbackScreen } from './react/CallbackScreen';
export { ConnectCallbackPage } from './react/ConnectCallbackPage';
export { ExportStatus, exportStatusMessages } from './react/ExportStatus';
export { callbackMessages } from './react/messages';
export { useCallbackOutcome } from './react/useCallbackOutcome';
export { useConnect } from './react/useConnect';
export { useExportStatus } from './react/useExportStatus';

export type {
  Action,
  AdminApprovalOutcome,
  CallbackParams,
  ConnectFlow,
  ConnectOptions,
  ConnectOutcome,
  ConnectProvider,
  ConnectSnapshot,
  ConnectStatus,
  EmergeLaunch,
  ErrorOutcome,
  ExportEndpoint,
  ExportErrorKind,
  ExportPoll,
  ExportSource,
  FlowContext,
  FlowEnvironment,
  GigsLaunch,
  LaunchContext,
  LaunchOf,
  SuccessOf,
  MessageLike,
  OutcomeMessageKey,
  OutcomeParts,
  OwnCode,
  ParseCallbackOptions,
  ParseContext,
  PollSchedule,
  PollTiming,
  PopupSize,
  ProviderAdapter,
  ProviderId,
  RelayMessage,
  RetryOutcome,
  Screen,
  SuccessOutcome,
  ZapierLaunch,
} from './core/index';
export type { CallbackPart, CallbackScreenProps, ScreenProps } from './react/CallbackScreen';
export type { ConnectCallbackPageProps } from './react/ConnectCallbackPage';
export type {
  ExportStatusItem,
  ExportStatusMessages,
  ExportStatusPart,
  ExportStatusProps,
  ExportStatusRenderProps,
  ProviderExportState,
} from './react/ExportStatus';
export type { CallbackMessageKey, CallbackMessages } from './react/messages';
export type { CallbackOutcome, UseCallbackOutcomeOptions } from './react/useCallbackOutcome';
export type { UseConnectResult } from './react/useConnect';
export type {
  ExportStatusState,
  UseExportStatusOptions,
  UseExportStatusResult,
} from './react/useExportStatus';
