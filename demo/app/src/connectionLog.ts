import type { ConnectOutcome } from 'react-connect-flow';

/** A successful connection as the demo lists it. Never the Emerge uid: that stays server-side. */
export interface Connection {
  provider: string;
  reconnected: boolean;
  id?: string;
  at: string;
}

const key = 'rcf-demo:connections';

export function readConnections(): Connection[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? (value as Connection[]) : [];
  } catch {
    return [];
  }
}

/** Called from `onSuccess`: the list shows how many times success ran. */
export function recordConnection(outcome: ConnectOutcome): void {
  const id = outcome.sessionId ?? outcome.authenticationId;
  const entry: Connection = {
    provider: outcome.provider,
    reconnected: outcome.reconnected,
    at: new Date().toISOString(),
    ...(id ? { id } : {}),
  };
  localStorage.setItem(key, JSON.stringify([...readConnections(), entry]));
  window.dispatchEvent(new Event('rcf-demo:connections'));
}
