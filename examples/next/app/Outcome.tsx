'use client';
import { CallbackScreen, type ConnectOutcome } from 'react-connect-flow';

/** A popup flow's outcome, on the page that opened it: the package's own screens. */
export function Outcome({ outcome, onRetry }: { outcome: ConnectOutcome; onRetry: () => void }) {
  return (
    <CallbackScreen outcome={outcome} onRetry={onRetry} supportUrl="mailto:support@example.com" />
  );
}
