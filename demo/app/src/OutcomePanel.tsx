import type { ConnectOutcome } from 'react-connect-flow';

const headings: Record<ConnectOutcome['screen'], string> = {
  success: 'Connected',
  retry: 'Not connected yet',
  'admin-approval': 'Approval needed',
  error: 'Connection failed',
};

/** The outcome of a popup flow, shown on the page that opened it. */
export function OutcomePanel({
  outcome,
  onRetry,
}: {
  outcome: ConnectOutcome;
  onRetry: () => void;
}) {
  return (
    <section className="outcome" data-state={outcome.screen} aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">
        {outcome.screen === 'success' && outcome.reconnected
          ? 'Reconnected'
          : headings[outcome.screen]}
      </h2>
      <p role={outcome.screen === 'success' ? 'status' : 'alert'}>{outcome.message}</p>
      {outcome.screen !== 'success' && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </section>
  );
}
