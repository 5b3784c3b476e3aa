import './harnessPage';
import { createConnectFlow, emerge, gigs, type LaunchContext } from '../../src/core/index';
import { emergeLink, gigsSession } from './backend';

/*
 * An app page the tests load in an iframe: it starts a flow from the query
 * (`providers`, `provider`, `mode`, `auto`) and reports the outcome on a test channel. In a
 * frame sandboxed without `allow-popups`, Chromium's `window.open` returns null: a real block.
 */
const query = new URLSearchParams(location.search);
const origin = query.get('providers') ?? '';
const provider = query.get('provider') === 'emerge' ? emerge : gigs;
const mode = (query.get('mode') ?? 'auto') as 'auto' | 'popup' | 'redirect';
const controls = { auto: query.get('auto') ?? 'success' };
const report = new BroadcastChannel('rcf-test');

const launch = (context: LaunchContext) =>
  provider.id === 'emerge'
    ? emergeLink(origin, context, controls)
    : gigsSession(origin, context, controls);

const flow = createConnectFlow({
  provider: provider as typeof gigs,
  mode,
  redirectUri: new URL('./callback.html', location.href).href,
  // Both launch shapes carry a `url`; the provider is read from the query.
  launch: launch as never,
  onOutcome: (outcome) => report.postMessage({ kind: 'outcome', outcome }),
});
flow.open();
report.postMessage({ kind: 'opened', status: flow.getSnapshot().status });
