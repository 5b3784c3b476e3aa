import { emerge, useConnect, useConsentStatus } from 'react-connect-flow';
import { basePath } from './api';

/** "ends in 1 day", "ends today". */
const endsIn = (days: number) =>
  days <= 0 ? 'ends today' : `ends in ${days} ${days === 1 ? 'day' : 'days'}`;

/**
 * The Emerge consent about to end, from `useConsentStatus` (read on mount and after each
 * `consent` event): a line and a Reconnect button that starts a new Emerge flow.
 */
export function ConsentBanner() {
  const { providers } = useConsentStatus({ basePath });
  const { open, status } = useConnect({ provider: emerge, basePath });
  const days = providers
    .filter((consent) => consent.status === 'expiring' && consent.daysLeft !== null)
    .map((consent) => consent.daysLeft ?? 0);
  if (days.length === 0) return null;
  const busy = status === 'launching' || status === 'open' || status === 'redirecting';
  return (
    <p role="status" data-testid="consent-banner">
      Your Google data access {endsIn(Math.min(...days))}.{' '}
      <button type="button" onClick={() => open()} disabled={busy}>
        Reconnect
      </button>
    </p>
  );
}
