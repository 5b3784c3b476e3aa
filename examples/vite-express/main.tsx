import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CallbackScreen, ConnectCallbackPage, gigs, useConnect } from 'react-connect-flow';
import 'react-connect-flow/styles.css';

function ConnectGigs() {
  const { open, status, outcome } = useConnect({ provider: gigs, basePath: '/api/connect' });
  if (outcome) return <CallbackScreen outcome={outcome} />; // success, cancelled, an error, ...
  return (
    <button onClick={open} disabled={status === 'launching'}>
      Connect Gigs
    </button>
  );
}

const onCallback = location.pathname === '/connect/callback';
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {onCallback ? <ConnectCallbackPage basePath="/api/connect" /> : <ConnectGigs />}
  </StrictMode>,
);
