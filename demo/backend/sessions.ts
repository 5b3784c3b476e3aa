import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the backend remembers per browser. Nothing here is ever sent back to it. */
export interface DemoSession {
  /** Emerge `state` values this backend signed into links, each accepted once. */
  emergeStates: Set<string>;
  /** The Emerge user id from the verified callback: used to poll export status. */
  emergeUid?: string;
}

const cookie = 'rcf_demo_sid';

/** Server-side sessions keyed by an HttpOnly cookie, as a real app's server would keep them. */
export function createSessions() {
  const sessions = new Map<string, DemoSession>();
  return function session(req: IncomingMessage, res: ServerResponse): DemoSession {
    const id = new RegExp(`(?:^|;\\s*)${cookie}=([0-9a-f]{32})`).exec(
      req.headers.cookie ?? '',
    )?.[1];
    const existing = id ? sessions.get(id) : undefined;
    if (existing) return existing;
    const fresh = randomBytes(16).toString('hex');
    const created: DemoSession = { emergeStates: new Set() };
    sessions.set(fresh, created);
    res.setHeader('Set-Cookie', `${cookie}=${fresh}; Path=/; HttpOnly; SameSite=Lax`);
    return created;
  };
}
