'use client';
import dynamic from 'next/dynamic';
import { useId, useState } from 'react';
import { emerge, gigs, useConnect, zapier } from 'react-connect-flow';
import { basePath } from '../lib/paths';

// The screens and the export polling load when there is something to show: the Connect page
// itself downloads only `useConnect` and the adapters.
const Outcome = dynamic(() => import('./Outcome').then((module) => module.Outcome));
const ExportProgress = dynamic(() =>
  import('./ExportProgress').then((module) => module.ExportProgress),
);

const adapters = { gigs, emerge, zapier };
const titles = { gigs: 'Gigs', emerge: 'Emerge', zapier: 'Zapier' } as const;
export type ProviderId = keyof typeof adapters;
type Mode = 'popup' | 'redirect';

/** One provider: popup or redirect, a Connect button, and the outcome of a popup flow. */
export function ConnectCard({ provider }: { provider: ProviderId }) {
  const [mode, setMode] = useState<Mode>('popup');
  const [exporting, setExporting] = useState(false);
  const id = useId();
  const { open, close, status, outcome } = useConnect({
    provider: adapters[provider],
    mode,
    basePath,
    onSuccess: (success) => setExporting(success.provider === 'emerge'),
  });
  const busy = status === 'launching' || status === 'open' || status === 'redirecting';
  const title = titles[provider];

  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-provider-card={provider}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <fieldset>
        <legend>Open {title} in</legend>
        {(['popup', 'redirect'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name={`${id}-mode`}
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
            />{' '}
            {value === 'popup' ? 'a popup' : 'this tab (redirect)'}
          </label>
        ))}
      </fieldset>
      <p>
        <button type="button" onClick={open} disabled={busy}>
          {busy ? 'Connecting…' : `Connect ${title}`}
        </button>{' '}
        {status === 'open' && (
          <button type="button" onClick={close}>
            Cancel
          </button>
        )}
      </p>
      <p role="status" className="muted" data-testid="connect-status">
        Status: {status}
      </p>
      {outcome && status !== 'cancelled' && (
        <div data-testid="outcome">
          <Outcome outcome={outcome} onRetry={open} />
        </div>
      )}
      {exporting && <ExportProgress />}
    </section>
  );
}
