'use client';
import type { ReactNode } from 'react';
import { classNamesOf } from './classNames';
import {
  exportProviderNames,
  exportStatusText,
  type ExportStatusMessages,
} from './exportStatusText';
import {
  useExportStatus,
  type UseExportStatusOptions,
  type UseExportStatusResult,
} from './useExportStatus';

export type ProviderExportState = 'preparing' | 'ready' | 'failed' | 'timed-out';
export type ExportStatusPart = 'root' | 'summary' | 'list' | 'item' | 'name' | 'state';

export interface ExportStatusItem {
  provider: string;
  /** The display name, from `providerNames`. */
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

/** The `useExportStatus` options (`endpoint`, `basePath`, `events`, ...) and these. */
export type ExportStatusProps = UseExportStatusOptions & ExportStatusDisplayProps;

/** What `<ExportStatus />` adds to the hook's options: texts, names, class names, a render prop. */
export interface ExportStatusDisplayProps {
  /** Rewords any string; keys as in `exportStatusText`. */
  messages?: Partial<ExportStatusMessages> | undefined;
  /** Display names by provider id, over the defaults (`google_data`: Google, `gmail`: Gmail). */
  providerNames?: Readonly<Record<string, string>> | undefined;
  classNames?: Partial<Record<ExportStatusPart, string>> | undefined;
  /** Replaces the content; the root (with `aria-live` and `data-state`) stays. */
  render?: ((props: ExportStatusRenderProps) => ReactNode) | undefined;
  /** Leaves out the default class names (the stylesheet's hooks); `classNames` still apply. */
  unstyled?: boolean | undefined;
}

function stateOf(provider: string, result: UseExportStatusResult): ProviderExportState {
  if (result.ready.includes(provider)) return 'ready';
  if (result.failed.includes(provider)) return 'failed';
  if (result.status === 'timed-out') return 'timed-out';
  return 'preparing';
}

/**
 * Each needed provider's export (preparing, ready, failed, timed out) and an overall line,
 * announced politely to screen readers as they change. Takes the `useExportStatus` options.
 */
export function ExportStatus(props: ExportStatusProps) {
  const { messages: own, providerNames, classNames, render, unstyled, ...options } = props;
  const result = useExportStatus(options);
  const messages: ExportStatusMessages = { ...exportStatusText, ...own };
  const names = { ...exportProviderNames, ...providerNames };
  const className = classNamesOf<ExportStatusPart>(
    'rcf rcf-export',
    'rcf-export',
    classNames,
    unstyled,
  );
  // The needed providers in a stable order, so items do not jump as they turn ready.
  const providers = options.providers ?? result.sources.map((source) => source.provider);
  const items = providers.map((provider): ExportStatusItem => {
    const state = stateOf(provider, result);
    const name = Object.hasOwn(names, provider) ? (names[provider] ?? provider) : provider;
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
