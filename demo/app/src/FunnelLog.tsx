import { useSyncExternalStore } from 'react';
import type { ConnectEvent } from 'react-connect-flow';

// The funnel events (`onEvent`) of the latest attempt, kept in this tab's sessionStorage so a
// redirect's callback page shows the steps its first document logged. Events carry no state,
// token, URL or uid: storing and showing them as they are is safe.
const key = 'rcf-demo:events';
const changed = 'rcf-demo:events';

function readEvents(): ConnectEvent[] {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? (value as ConnectEvent[]) : [];
  } catch {
    return [];
  }
}

/** The demo's `onEvent`: logs the event; a new attempt starts a new list. */
export function logEvent(event: ConnectEvent): void {
  const sameAttempt = readEvents().filter((each) => each.attemptId === event.attemptId);
  sessionStorage.setItem(key, JSON.stringify([...sameAttempt, event]));
  window.dispatchEvent(new Event(changed));
}

const subscribe = (onChange: () => void) => {
  window.addEventListener(changed, onChange);
  return () => window.removeEventListener(changed, onChange);
};
const snapshot = () => sessionStorage.getItem(key) ?? '[]';

/** One line per event: `type · mode · +at ms`, and the outcome's screen and code. */
function describe(event: ConnectEvent): string {
  const line = `${event.type} · ${event.mode} · +${event.at} ms`;
  if (event.type !== 'outcome') return line;
  return `${line} · ${event.screen}${event.code ? ` (${event.code})` : ''}`;
}

/** The latest attempt's funnel, in order. */
export function FunnelLog() {
  useSyncExternalStore(subscribe, snapshot, () => '[]');
  const events = readEvents();
  if (events.length === 0) return null;
  return (
    <section aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">Flow events</h2>
      <p>
        Attempt <code>{events[0]?.attemptId}</code> ({events[0]?.provider})
      </p>
      <ol data-testid="funnel">
        {events.map((event) => (
          <li key={event.type} data-type={event.type}>
            {describe(event)}
          </li>
        ))}
      </ol>
    </section>
  );
}
