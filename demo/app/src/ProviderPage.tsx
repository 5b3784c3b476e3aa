import { useEffect, useState } from 'react';
import { CallbackScreen, ExportStatus, useConnect, type ConnectOutcome } from 'react-connect-flow';
import { useSearchParams } from 'react-router';
import { adapters, basePath, launchParams } from './api';
import { ConsentBanner } from './ConsentBanner';
import { Connections } from './Connections';
import { recordConnection } from './connectionLog';
import { FunnelLog, logEvent } from './FunnelLog';

type Provider = keyof typeof adapters;
type Mode = 'popup' | 'redirect' | 'auto';

const titles: Record<Provider, string> = {
  gigs: 'Gigs Connect',
  emerge: 'Emerge data consent',
  zapier: 'Zapier Connect',
};

/**
 * Handles a success wherever it lands (popup here, redirect on the callback page). The server
 * already verified and recorded it (`onConnected`); the page only lists it.
 */
export function handleSuccess(outcome: ConnectOutcome): boolean {
  recordConnection(outcome);
  return true;
}

/** One provider: a Connect button, the popup / redirect / auto choice, and the outcome. */
export function ProviderPage({ provider }: { provider: Provider }) {
  const [search, setSearch] = useSearchParams();
  // The choice survives the round trip through the provider (and `?mode=` sets it).
  const [mode, setMode] = useState<Mode>(() => {
    const value = search.get('mode') ?? sessionStorage.getItem('rcf-demo:mode');
    return value === 'popup' || value === 'redirect' ? value : 'auto';
  });
  useEffect(() => sessionStorage.setItem('rcf-demo:mode', mode), [mode]);
  const [ready, setReady] = useState(false);
  const { open, close, status, outcome } = useConnect({
    provider: adapters[provider],
    mode,
    basePath,
    launchParams: launchParams[provider],
    onSuccess: (result: ConnectOutcome) => {
      // Marks for `npm run bench` (time from the provider's message to here).
      performance.mark('rcf-demo:success');
      setReady(handleSuccess(result));
    },
    onCancel: () => performance.mark('rcf-demo:cancel'),
    onEvent: logEvent,
  });
  // `?connect=1` starts the flow on load, with no click: browsers block that popup, so `auto`
  // shows the redirect fallback and `popup` the popup_blocked outcome.
  const autoConnect = search.get('connect') === '1';
  useEffect(() => {
    if (!autoConnect) return;
    setSearch({ mode }, { replace: true });
    open();
  }, [autoConnect, mode, open, setSearch]);
  const busy = status === 'launching' || status === 'open' || status === 'redirecting';

  return (
    <>
      <h1>{titles[provider]}</h1>
      {provider === 'emerge' && <ConsentBanner />}
      <fieldset>
        <legend>Open the provider in</legend>
        {(['popup', 'redirect', 'auto'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="mode"
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
            />
            {value === 'auto'
              ? 'Auto (popup, or redirect if blocked)'
              : value[0]?.toUpperCase() + value.slice(1)}
          </label>
        ))}
      </fieldset>
      <p>
        <button type="button" onClick={() => open()} disabled={busy}>
          {busy ? 'Connecting…' : `Connect ${titles[provider]}`}
        </button>
      </p>
      {status === 'open' && (
        <p>
          Finish in the connection window.{' '}
          {/* A popup whose handle COOP has cut cannot be seen closing: the user can always stop. */}
          <button type="button" onClick={close}>
            Cancel
          </button>
        </p>
      )}
      <p role="status" data-testid="connect-status">
        Status: {status}
      </p>
      <FunnelLog />
      {status === 'cancelled' && <p>The connection window was closed. Nothing was connected.</p>}
      {outcome && status !== 'cancelled' && (
        // The package's own screens show a popup flow's outcome on the page that opened it.
        <div data-testid="outcome">
          <CallbackScreen outcome={outcome} onRetry={() => open()} />
        </div>
      )}
      {provider === 'emerge' && ready && (
        <div data-testid="export">
          {/* The status endpoint and the events stream, from `basePath`: the page reads when
              the server says an export is ready, and polls (every second) only if the stream
              cannot stay open. */}
          <ExportStatus basePath={basePath} interval={1000} />
        </div>
      )}
      <Connections provider={provider} />
    </>
  );
}
