import type { ReactNode } from 'react';
import type { ExportStatus as ParsedExportStatus } from '../core/exportStatus';
import {
  useExportStatus,
  type UseExportStatusOptions,
  type UseExportStatusResult,
} from './useExportStatus';

/**
 * Every string `<ExportStatus />` shows. Lookups by pattern: `export_{status}` for the overall
 * line, `provider_{state}` for a provider's state, `name_{provider}` for its name (else the
 * provider's own id).
 */
export const exportStatusMessages = {
  export_ready: 'Your data is ready',
  export_polling: 'Still preparing, this can take up to 15 minutes',
  'export_timed-out': 'This is taking longer than expected. Please check again later.',
  export_error: 'We could not check on your data. Please try again later.',
  export_idle: 'Your data will be prepared once you connect.',
  provider_preparing: 'Preparing',
  provider_ready: 'Ready',
  provider_failed: 'Failed',
  'provider_timed-out': 'Timed out',
  name_google_data: 'Google',
  name_gmail: 'Gmail',
};

/**
 * In the React entry `ExportStatus` is the component and, as a type, the parsed answer (the
 * core's `ExportStatus`), so both imports keep working.
 */
export type ExportStatus = ParsedExportStatus;

export type ExportStatusMessages = typeof exportStatusMessages & Record<string, string>;
export type ProviderExportState = 'preparing' | 'ready' | 'failed' | 'timed-out';
export type ExportStatusPart = 'root' | 'summary' | 'list' | 'item' | 'name' | 'state';

export interface ExportStatusItem {
  provider: string;
  /** The display name, from `name_{provider}`. */
  name: string;
  state: ProviderExportState;
  /** The state's text, from `provider_{state}`. */
  label: string;
}

export interface ExportStatusRenderProps extends UseExportStatusResult {
  messages: ExportStatusMessages;
  /** The overall line. */
  summary: string;
  items: ExportStatusItem[];
}

export interface ExportStatusProps extends UseExportStatusOptions {
  /** Replaces any string; keys as in `exportStatusMessages`, plus `name_{provider}` for others. */
  messages?: (Partial<ExportStatusMessages> & Record<string, string>) | undefined;
  classNames?: Partial<Record<ExportStatusPart, string>> | undefined;
  /** Replaces the content; the root (with `aria-live` and `data-state`) stays. */
  render?: ((props: ExportStatusRenderProps) => ReactNode) | undefined;
  /** Leaves out the default class names (the stylesheet's hooks); `classNames` still apply. */
  unstyled?: boolean | undefined;
}

/**
 * Each needed provider's export (preparing, ready, failed, timed out) and an overall line,
 * announced politely to screen readers as they change. Takes the `useExportStatus` options.
 */
export function ExportStatus(props: ExportStatusProps) {
  const { messages: own, classNames, render, unstyled, ...options } = props;
  const result = useExportStatus(options);
  const messages: ExportStatusMessages = { ...exportStatusMessages, ...own };
  const className = (part: ExportStatusPart) =>
    [!unstyled && (part === 'root' ? 'rcf rcf-export' : `rcf-export-${part}`), classNames?.[part]]
      .filter(Boolean)
      .join(' ') || undefined;
  // The needed providers in a stable order, so items do not jump as they turn ready.
  const names = options.providers ?? result.sources.map((source) => source.provider);
  const items = names.map((provider): ExportStatusItem => {
    const state: ProviderExportState = result.ready.includes(provider)
      ? 'ready'
      : result.failed.includes(provider)
        ? 'failed'
        : result.status === 'timed-out'
          ? 'timed-out'
          : 'preparing';
    const name = messages[`name_${provider}`] ?? provider;
    return { provider, name, state, label: messages[`provider_${state}`] };
  });
  const summary = messages[`export_${result.status}`];
  return (
    <div className={className('root')} data-state={result.status} aria-live="polite">
      {render ? (
        render({ ...result, messages, summary, items })
      ) : (
        <>
          <p className={className('summary')}>{summary}</p>
          {items.length > 0 && (
            <ul className={className('list')}>
              {items.map((item) => (
                <li key={item.provider} className={className('item')} data-state={item.state}>
                  <span className={className('name')}>{item.name}</span>{' '}
                  <span className={className('state')}>{item.label}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
