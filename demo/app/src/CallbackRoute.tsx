import { useState } from 'react';
import { ConnectCallbackPage, ExportStatus, type ConnectOutcome } from 'react-connect-flow';
import { useNavigate } from 'react-router';
import { basePath } from './api';
import { Connections } from './Connections';
import { FunnelLog, logEvent } from './FunnelLog';
import { handleSuccess } from './ProviderPage';

/** The callback route, exactly as the README wires it; Emerge then shows its export progress. */
export function CallbackRoute() {
  const navigate = useNavigate();
  const [exportReady, setExportReady] = useState(false);
  const back = (outcome: ConnectOutcome) =>
    navigate(
      ['gigs', 'emerge', 'zapier'].includes(outcome.provider) ? `/${outcome.provider}` : '/',
    );
  return (
    <>
      <ConnectCallbackPage
        basePath={basePath}
        supportUrl="mailto:support@example.com"
        onSuccess={(outcome: ConnectOutcome) => {
          setExportReady(handleSuccess(outcome) && outcome.provider === 'emerge');
        }}
        onRetry={back}
        onBack={back}
        onEvent={logEvent}
      />
      <FunnelLog />
      {exportReady && (
        <div data-testid="export">
          {/* The status endpoint and the events stream, from `basePath`: the page reads when
              the server says an export is ready, and polls (every second) only if the stream
              cannot stay open. */}
          <ExportStatus basePath={basePath} interval={1000} />
        </div>
      )}
      <Connections />
    </>
  );
}
