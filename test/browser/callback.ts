import './harnessPage';
import { builtInProviders, CallbackPage } from '../../src/core/index';
import { readFlowRecord } from '../../src/core/browser/flowRecord';

/*
 * The callback page's core controller without React (the e2e suite drives the real
 * `<ConnectCallbackPage />`): in a useConnect popup it relays to the opener and closes once
 * the opener's receipt comes; after a redirect it decides against the stored flow. It reports
 * what it saw on a test channel.
 */
const report = new BroadcastChannel('rcf-test');
const flow = readFlowRecord();
const seen = { href: location.href, hadOpener: window.opener !== null, flow };
const page = new CallbackPage({ providers: builtInProviders });
const relaying = flow?.mode === 'popup';
if (relaying) report.postMessage({ kind: 'relayed', ...seen });
let calledBack = false;
page.subscribe(() => {
  // The view changes when the relay settles: with the opener's receipt, or without one (then
  // the page calls back itself, right after).
  queueMicrotask(() => {
    if (relaying && !calledBack) report.postMessage({ kind: 'receipt', taken: true });
  });
});
page.settle(() => ({
  onOutcome(outcome) {
    calledBack = true;
    if (relaying) report.postMessage({ kind: 'receipt', taken: false });
    report.postMessage({ kind: 'redirected', outcome, ...seen });
    // For the playwright-core scenario, which reads the console.
    console.log(`rcf:redirected=${outcome.code ?? outcome.screen}`);
  },
}));
