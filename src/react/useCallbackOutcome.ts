import { useEffect, useState } from 'react';
import { consumeFlowContext, safeReturnPath, type FlowContext } from '../core/flowContext';
import { createOutcome } from '../core/outcome';
import { parseCallback } from '../core/parseCallback';
import { queryOf } from '../core/parseQuery';
import { providers } from '../core/providers/index';
import { relayCallback } from '../core/relay';
import { removeCallbackParams } from '../core/callbackUrl';
import type { Action, ConnectOutcome, ProviderAdapter, ProviderId, Screen } from '../core/types';

export interface UseCallbackOutcomeOptions {
  /** The callback URL or query string. Defaults to `window.location.href`, read on mount. */
  url?: string | undefined;
  /** The provider. Defaults to the one the stored flow names, else detected from the URL. */
  provider?: ProviderId | ProviderAdapter<never> | undefined;
  /** The state of a link the app's own server made. Defaults to the stored flow's state. */
  expectedState?: string | undefined;
  /** Called once per callback URL, with every outcome. */
  onOutcome?: ((outcome: ConnectOutcome) => void) | undefined;
  /** Called once per callback URL, on success. */
  onSuccess?: ((outcome: ConnectOutcome & { screen: 'success' }) => void) | undefined;
}

export interface CallbackOutcome {
  /** `undefined` only on a server with no `url`: nothing to show there. */
  outcome: ConnectOutcome | undefined;
  /** Where the flow started: a same-origin path, from the stored flow only. */
  returnTo: string | undefined;
  /** This popup relayed its outcome to the opener but could not close itself. */
  closeHint: boolean;
}

interface Entry {
  outcome: ConnectOutcome;
  returnTo?: string | undefined;
  flow?: FlowContext | undefined;
  href: string;
}

/** What a reload of the scrubbed URL needs: no uid, session id, connection id or raw params. */
interface Saved {
  screen: Screen;
  provider: string;
  code: string | undefined;
  key: string;
  action: Action;
  reconnected: boolean;
  returnTo: string | undefined;
}

const historyKey = 'rcf';
const screens: unknown[] = ['success', 'retry', 'admin-approval', 'error'];
// Per callback URL, not per component: StrictMode's double render and any re-render or
// remount find the same entry, so the flow is consumed once and the callbacks run once.
const entries = new Map<string, Entry>();
const handled = new WeakSet<Entry>();
const relayed = new WeakSet<Entry>();

const known = (id: string | undefined) =>
  id && Object.hasOwn(providers, id) ? providers[id as ProviderId] : undefined;

function restore(saved: Saved | undefined, href: string): Entry | undefined {
  if (!saved || !screens.includes(saved.screen)) return undefined;
  const { provider, key, returnTo, ...parts } = saved;
  const entry = {
    outcome: createOutcome(String(provider), { ...parts, key: String(key) }),
    returnTo: safeReturnPath(returnTo),
    href,
  };
  handled.add(entry); // Shown again, never acted on again.
  return entry;
}

function read(href: string, options: UseCallbackOutcomeOptions): Entry {
  const flow = consumeFlowContext();
  const outcome = parseCallback(href, {
    provider: options.provider ?? known(flow?.provider),
    expectedState: options.expectedState ?? flow?.state,
    expectedSessionId: flow?.sessionId,
    reconnect: flow?.reconnect,
  });
  // A reload of the scrubbed address (no callback parameters left, and `href` is the address
  // or its tail, as a router's `location.search`): this history entry remembers what it showed.
  const saved =
    !Object.keys(outcome.params).length &&
    typeof window === 'object' &&
    location.href.endsWith(href)
      ? restore((history.state as Record<string, Saved> | null)?.[historyKey], href)
      : undefined;
  return saved ?? { outcome, returnTo: safeReturnPath(flow?.returnTo), flow, href };
}

function entryFor(href: string, options: UseCallbackOutcomeOptions): Entry {
  // On a server every render reads afresh: a shared cache there would mix users' requests.
  if (typeof window === 'undefined') return read(href, options);
  let entry = entries.get(href);
  if (!entry) entries.set(href, (entry = read(href, options)));
  return entry;
}

function act(entry: Entry, options: UseCallbackOutcomeOptions) {
  const { outcome, flow, returnTo, href } = entry;
  const { provider, code, messageKey: key, action, reconnected } = outcome;
  // 1. Scrub the callback parameters (the app's own and the hash stay), remembering the screen.
  const adapter = typeof options.provider === 'object' ? options.provider : known(provider);
  const names = adapter?.params ?? Object.values(providers).flatMap((each) => each.params);
  const saved: Saved = {
    screen: outcome.screen,
    provider,
    code,
    key,
    action,
    reconnected,
    returnTo,
  };
  history.replaceState(
    { ...(history.state as object), [historyKey]: saved },
    '',
    removeCallbackParams(location.href, names),
  );
  // 2. The landing page of a useConnect popup hands the raw query to the opener, which
  // parses it with its own state and calls its own callbacks: calling ours too would act twice.
  // The flow's provider id is the one the opener listens for (also for a custom adapter).
  if (
    flow?.mode === 'popup' &&
    relayCallback({ type: 'rcf:callback', provider: flow.provider, query: queryOf(href) })
  ) {
    relayed.add(entry);
    window.close();
    return;
  }
  // 3. The app's callbacks.
  options.onOutcome?.(outcome);
  if (outcome.screen === 'success') options.onSuccess?.(outcome);
}

/**
 * Reads a callback in the first render (no loading state), then, once per callback URL:
 * scrubs the address bar, relays to the opener when this is a popup, and calls back.
 */
export function useCallbackOutcome(options: UseCallbackOutcomeOptions = {}): CallbackOutcome {
  const [initialHref] = useState(() =>
    typeof window === 'undefined' ? undefined : window.location.href,
  );
  const href = options.url ?? initialHref;
  const entry = href === undefined ? undefined : entryFor(href, options);
  const [closeHint, setCloseHint] = useState(false);

  useEffect(() => {
    if (!entry) return;
    if (!handled.has(entry)) {
      handled.add(entry);
      act(entry, options);
    }
    if (!relayed.has(entry)) return;
    // `window.close()` is refused for a window a script did not open (or after COOP).
    const timer = setTimeout(setCloseHint, 400, true);
    return () => clearTimeout(timer);
    // Once per callback URL, which `entry` stands for; the options are read at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry]);

  return { outcome: entry?.outcome, returnTo: entry?.returnTo, closeHint };
}
