import { consumeFlowContext, saveFlowContext } from './flowContext';
import { readProviderMessage } from './message';
import { failure } from './outcome';
import { parseCallback, type ParseCallbackOptions } from './parseCallback';
import { isBlank, openPopup, type PopupSize } from './popup';
import type { EmergeLaunch } from './providers/emerge';
import type { GigsLaunch } from './providers/gigs';
import { resolveProvider } from './providers/index';
import type { ZapierLaunch } from './providers/zapier';
import { isRelayMessage, relayChannelName } from './relay';
import { createState } from './state';
import type {
  AdminApprovalOutcome,
  ConnectOutcome,
  ErrorOutcome,
  LaunchContext,
  ProviderAdapter,
  ProviderId,
  RetryOutcome,
  Screen,
  SuccessOutcome,
} from './types';

/** Where a flow is: enumerated, one value per screen outcome plus the running states. */
export type ConnectStatus = 'idle' | 'launching' | 'open' | 'redirecting' | Screen | 'cancelled';

export interface ConnectSnapshot {
  status: ConnectStatus;
  /** The last flow's outcome (`cancelled` included); `undefined` while idle or running. */
  outcome: ConnectOutcome | undefined;
}

export type ConnectProvider = ProviderId | ProviderAdapter<never>;

/** A success as a provider delivers it: the identifier it always carries is not optional. */
export type SuccessOf<P> = SuccessOutcome &
  (P extends 'gigs'
    ? { sessionId: string }
    : P extends 'emerge'
      ? { uid: string }
      : P extends 'zapier'
        ? { authenticationId: string }
        : unknown);

/** What `launch` must return for a provider: a Gigs session, an Emerge link, a Zapier token. */
export type LaunchOf<P> = P extends 'gigs'
  ? GigsLaunch
  : P extends 'emerge'
    ? EmergeLaunch
    : P extends 'zapier'
      ? ZapierLaunch
      : P extends ProviderAdapter<infer Launch>
        ? Launch
        : never;

export interface ConnectOptions<P extends ConnectProvider = ConnectProvider> {
  provider: P;
  /** Asks the app's backend for this attempt's session, link or token. Called on every `open()`. */
  launch: (context: LaunchContext) => Promise<LaunchOf<P>>;
  /** Defaults to `'auto'`: a popup, or a full-page redirect when the popup is blocked. */
  mode?: 'popup' | 'redirect' | 'auto' | undefined;
  /** Defaults to `${location.origin}/connect/callback`. */
  redirectUri?: string | undefined;
  /** Milliseconds before a running flow ends as `timeout`. Defaults to 10 minutes. */
  timeout?: number | undefined;
  /** Milliseconds `launch` may take before the flow ends as `launch_failed`. Defaults to 30 s. */
  launchTimeout?: number | undefined;
  /** Whether a closed popup means the user cancelled. Defaults to the adapter's, else true. */
  closeDetection?: boolean | undefined;
  popup?: PopupSize | undefined;
  onSuccess?: ((outcome: SuccessOf<P>) => void) | undefined;
  /** Every other outcome except `cancelled`. */
  onError?: ((outcome: RetryOutcome | AdminApprovalOutcome | ErrorOutcome) => void) | undefined;
  /** The user closed the popup, or `close()` was called. */
  onCancel?: ((outcome: RetryOutcome | AdminApprovalOutcome | ErrorOutcome) => void) | undefined;
  /** Every outcome, after the specific callback. */
  onOutcome?: ((outcome: ConnectOutcome) => void) | undefined;
}

/** Browser globals, injected for tests; each defaults to the real one, read on `open()`. */
export interface FlowEnvironment {
  window?: Window | undefined;
  storage?: Storage | undefined;
  BroadcastChannel?: typeof BroadcastChannel | undefined;
}

export interface ConnectFlow<P extends ConnectProvider = ConnectProvider> {
  /** Starts a flow. Call it in the click handler: the popup must open synchronously. */
  open(): void;
  /** Closes the popup and ends the running flow as `cancelled`. */
  close(): void;
  /** Ends any running flow without callbacks, and forgets the outcome. */
  reset(): void;
  /** Replaces the options: the next `open()` and the running flow's callbacks use them. */
  setOptions(options: ConnectOptions<P>): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): ConnectSnapshot;
}

const idle: ConnectSnapshot = { status: 'idle', outcome: undefined };

/**
 * The popup and redirect flow, framework-free. Callbacks are read when they are called, so
 * `setOptions` reaches a running flow. Nothing touches `window` before `open()`.
 */
export function createConnectFlow<P extends ConnectProvider>(
  options: ConnectOptions<P>,
  env: FlowEnvironment = {},
): ConnectFlow<P> {
  let snapshot = idle;
  let popup: Window | null = null;
  /** Ends the running flow: silently, or as `cancelled`. */
  let end: ((cancel?: boolean) => void) | undefined;
  const listeners = new Set<() => void>();
  const set = (next: ConnectSnapshot) => {
    if (next === snapshot) return;
    snapshot = next;
    listeners.forEach((listener) => listener());
  };
  const running = (status: ConnectStatus) => set({ status, outcome: undefined });

  function open() {
    if (snapshot.status === 'redirecting') return;
    if (end) {
      // A second click brings the popup to the front; without a popup a redirect is launching.
      if (!popup) return;
      if (!popup.closed) return popup.focus();
      // Closed or severed by COOP: the user is starting again.
      end();
    }
    const win = env.window ?? window;
    const { storage } = env;
    const opts = options;
    const adapter = resolveProvider(opts.provider) as ProviderAdapter<LaunchOf<P>>;
    const { id } = adapter;
    const mode = opts.mode ?? 'auto';
    const state = createState();
    const redirectUri = opts.redirectUri ?? `${win.location.origin}/connect/callback`;
    const { pathname, search, hash } = win.location;
    const started = Date.now();
    const context = { provider: id, state, returnTo: pathname + search + hash, startedAt: started };
    const detect = opts.closeDetection ?? adapter.closeDetection ?? true;
    // A provider that posts its result needs `window.opener`: once the handle reads closed,
    // closed or severed, it can no longer deliver. Only a relaying popup may live on.
    const relays = !adapter.messageOrigin;
    const launchLimit = opts.launchTimeout ?? 30_000;
    const cleanups: (() => void)[] = [];
    let done = false;
    let navigated = false;
    /** When the handle first showed a page after ours, and whether it still did a second later. */
    let seenAt = 0;
    let shown = false;
    let closedAt = 0;

    const stop = () => {
      done = true;
      end = undefined;
      cleanups.forEach((cleanup) => cleanup());
      popup?.close();
      popup = null;
    };
    const finish = (outcome: ConnectOutcome) => {
      if (done) return;
      stop();
      const cancelled = outcome.code === 'cancelled';
      set({ status: cancelled ? 'cancelled' : outcome.screen, outcome });
      const { onSuccess, onError, onCancel, onOutcome } = options;
      // The adapters never answer success without the identifier (parseCallback's guarantee).
      if (outcome.screen === 'success') onSuccess?.(outcome as SuccessOf<P>);
      else (cancelled ? onCancel : onError)?.(outcome);
      onOutcome?.(outcome);
    };
    const cancel = () => finish(failure(id, 'cancelled', 'retry'));
    const fail = (reason: string) => finish({ ...failure(id, 'launch_failed'), hint: reason });
    end = (cancelling) => (cancelling ? cancel() : stop());

    // 1. The popup, synchronously, with the flow context saved first: it starts with a copy.
    if (mode !== 'redirect') {
      saveFlowContext({ ...context, mode: 'popup' }, storage);
      cleanups.push(() => consumeFlowContext(storage));
      popup = openPopup(win, opts.popup);
      // Some blockers hand back a window that is already closed.
      if (popup?.closed) popup = null;
      if (!popup && mode === 'popup') return finish(failure(id, 'popup_blocked'));
    }
    running('launching');

    // 2. One timer: launch limit, overall limit, and the closed popup.
    const timer = win.setInterval(() => {
      const now = Date.now();
      if (!navigated && now - started > launchLimit) return fail('launch timed out');
      if (now - started > (opts.timeout ?? 600_000)) return finish(failure(id, 'timeout', 'retry'));
      if (!popup) return;
      if (!popup.closed) {
        if (!shown && navigated && !isBlank(popup)) shown = now - (seenAt ||= now) >= 1000;
      } else if (!closedAt) {
        // Decided one poll later, so a relay sent just before the popup closed itself wins.
        closedAt = now;
      } else if (!navigated || (detect && (shown || !relays))) {
        cancel();
      }
      // Otherwise maybe severed: the provider page committed with COOP and the handle
      // reads closed ~55 ms after navigating (DESIGN.md), straight from our about:blank or
      // after showing the page for 4-15 ms (measured here; a loaded machine stretches that,
      // hence a whole second, and no user closes a page that fast). The popup lives on and
      // can still relay, so this is never a cancel: wait for the relay, time out, or `close()`.
    }, 100);
    cleanups.push(() => win.clearInterval(timer));

    // 3. Launch, then navigate the popup or leave the page.
    void (async () => {
      let launch: LaunchOf<P>;
      let url: string;
      const launchContext = { state, redirectUri, mode: popup ? 'popup' : 'redirect' } as const;
      try {
        launch = await opts.launch(launchContext);
        url = adapter.launchUrl(launch, launchContext);
      } catch (error) {
        return fail(error instanceof Error ? error.message : String(error));
      }
      if (done) return;
      const sessionId = adapter.sessionId?.(launch);
      // Zapier's launch names the connection it re-authorises; a custom launch may too.
      const reconnect = !!(launch as { reconnectId?: unknown } | null)?.reconnectId;
      const parse: ParseCallbackOptions = {
        provider: adapter,
        expectedState: state,
        expectedSessionId: sessionId,
        reconnect,
      };
      if (!popup) {
        stop();
        const extra = sessionId ? { sessionId } : {};
        saveFlowContext({ ...context, mode: 'redirect', reconnect, ...extra }, storage);
        running('redirecting');
        return win.location.assign(url);
      }
      if (popup.closed) return cancel();

      const origin = adapter.messageOrigin?.(launch);
      let channel: BroadcastChannel | undefined;
      const relay = (data: unknown, fromPopup: boolean) => {
        // The channel reaches every tab of this origin: only our popup, or a relay naming this
        // flow, is ours; anything else belongs to another flow and is ignored.
        if (isRelayMessage(data) && data.provider === id && (fromPopup || data.flow === state)) {
          // The receipt lets the popup close; without one it handles the callback itself.
          const ack = { type: 'rcf:ack', flow: data.flow };
          try {
            channel?.postMessage(ack);
            if (fromPopup) popup?.postMessage(ack, win.location.origin);
          } catch {
            // Without a receipt the popup handles the callback itself: the flow still ends here.
          }
          finish(parseCallback(data.query, parse));
        }
      };
      const onMessage = (event: MessageEvent) => {
        if (origin) {
          const outcome = readProviderMessage(adapter, event, { origin, source: popup }, parse);
          if (outcome) finish(outcome);
        } else if (event.origin === win.location.origin && event.source === popup) {
          relay(event.data, true);
        }
      };
      win.addEventListener('message', onMessage);
      cleanups.push(() => win.removeEventListener('message', onMessage));
      const Channel = env.BroadcastChannel ?? globalThis.BroadcastChannel;
      // Providers that post their own result never relay: only their `postMessage` counts.
      if (relays && Channel) {
        channel = new Channel(relayChannelName);
        channel.onmessage = (event) => relay(event.data, false);
        cleanups.push(() => channel?.close());
      }
      popup.location.replace(url);
      navigated = true;
      running('open');
    })();
  }

  return {
    open,
    close: () => end?.(true),
    reset: () => {
      end?.();
      set(idle);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    setOptions: (next) => void (options = next),
  };
}
