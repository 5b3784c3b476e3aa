// The Connect page: a server component. It imports `parseCallback` and an adapter from the
// main entry, `react-connect-flow`, and runs them here on the server (the main entry has no
// 'use client' of its own: only its React modules do).
import { gigs, parseCallback } from 'react-connect-flow';
import { ConnectCard } from './ConnectCard';

export default function ConnectPage() {
  const crafted = parseCallback('?session_id=csn_attacker&status=success', { provider: gigs });
  return (
    <>
      <h1>Connect an account</h1>
      <p>
        Each button starts a hosted Connect flow against local mock providers on another origin. The
        server half (<code>/api/connect</code>) mints every launch and verifies every callback.
      </p>
      <ConnectCard provider="gigs" />
      <ConnectCard provider="emerge" />
      <ConnectCard provider="zapier" />
      <section aria-labelledby="server-check-heading">
        <h2 id="server-check-heading">Decided on the server</h2>
        <p data-testid="server-check">
          A link claiming a Gigs success that no flow started: <strong>{crafted.screen}</strong> (
          <code>{crafted.code}</code>).
        </p>
      </section>
    </>
  );
}
