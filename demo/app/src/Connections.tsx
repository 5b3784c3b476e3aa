import { useSyncExternalStore } from 'react';
import { readConnections } from './connectionLog';

const subscribe = (onChange: () => void) => {
  window.addEventListener('rcf-demo:connections', onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener('rcf-demo:connections', onChange);
    window.removeEventListener('storage', onChange);
  };
};
const snapshot = () => localStorage.getItem('rcf-demo:connections') ?? '[]';

/** Every success the app handled, so a duplicate (a reload running success twice) would show. */
export function Connections({ provider }: { provider?: string }) {
  useSyncExternalStore(subscribe, snapshot, () => '[]');
  const list = readConnections().filter((c) => !provider || c.provider === provider);
  return (
    <section aria-labelledby="connections-heading">
      <h2 id="connections-heading">Connections</h2>
      <p data-testid="connection-count">
        {list.length} successful {list.length === 1 ? 'connection' : 'connections'}
      </p>
      <ul>
        {list.map((c) => (
          <li key={c.at}>
            {c.provider} {c.reconnected ? 'reconnected' : 'connected'}
            {c.id ? ` (${c.id})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
