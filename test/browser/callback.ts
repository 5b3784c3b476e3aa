import { consumeFlowContext, parseCallback, relayCallback } from '../../src/core/index';
import type { ProviderId } from '../../src/core/index';

/*
 * A minimal stand-in for `<ConnectCallbackPage />` (engineer B's; the e2e suite covers the real
 * one): in a useConnect popup it relays the query to the opener with the core relay and closes;
 * after a redirect it parses the callback against the stored flow. Either way it reports what
 * it saw on a test channel.
 */
const flow = consumeFlowContext();
const report = new BroadcastChannel('rcf-test');
const seen = { href: location.href, hadOpener: window.opener !== null, flow };
if (flow?.mode === 'popup') {
  const query = location.search.slice(1);
  report.postMessage({ kind: 'relayed', ...seen });
  relayCallback(
    { type: 'rcf:callback', provider: flow.provider, query, flow: flow.state },
    (taken) => {
      // The opener's receipt: only then may the popup close.
      report.postMessage({ kind: 'receipt', taken });
      if (taken) window.close();
    },
  );
} else {
  const outcome = parseCallback(location.href, {
    provider: flow?.provider as ProviderId | undefined,
    expectedState: flow?.state,
    expectedSessionId: flow?.sessionId,
    reconnect: flow?.reconnect,
  });
  report.postMessage({ kind: 'redirected', outcome, ...seen });
  // For the playwright-core scenario, which reads the console.
  console.log(`rcf:redirected=${outcome.code ?? outcome.screen}`);
}
