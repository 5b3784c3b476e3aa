import { verifiedOutcome } from '../../core/model/outcomeSummary';
import { expectationOf, parseCallback } from '../../core/model/parseCallback';
import { appendCallbackParams } from '../../core/model/callbackUrl';
import { resultMarker } from '../../core/wire/protocol';
import type { ConnectOutcome } from '../../core/model/types';
import { overBudget } from '../cookies/cookieJar';
import { clearCookieNamed, newFlowId, readFlows, sentFlowCookies } from '../cookies/flowCookie';
import { clearResultCookie, resultCookie, sentResultCookies } from '../cookies/resultCookie';
import type { HandlerContext } from '../handlerContext';
import type { ServerProvider } from '../handlerConfig';
import { seeOther } from '../http/responses';
import { adapters, decide, ownOutcome, selectFlow, type CallbackKeys } from './flowDecision';

function callbackKeys(url: URL): CallbackKeys {
  const { searchParams } = url;
  return {
    state: searchParams.get('state'),
    sessionId: searchParams.get('session_id'),
    service: searchParams.get('service'),
  };
}

/** The flow of a redirect callback; a Zapier popup flow never takes one (its result is a message). */
async function redirectFlow(
  request: Request,
  provider: ServerProvider,
  user: string,
  context: HandlerContext,
) {
  const flows = await readFlows(
    request.headers.get('cookie'),
    provider,
    context.cookies,
    user,
    context.flowLifetime,
  );
  const usable = flows.filter(({ record }) => !(provider === 'zapier' && record.mode === 'popup'));
  return selectFlow(usable, callbackKeys(context.url));
}

/** The result cookie, the flow cookie cleared, and what keeps the set under the budget. */
async function resultCookies(
  request: Request,
  flowId: string,
  user: string,
  outcome: ConnectOutcome,
  cleared: string | undefined,
  context: HandlerContext,
) {
  const header = request.headers.get('cookie');
  const result = await resultCookie(flowId, user, verifiedOutcome(outcome), context.cookies);
  const cookies = [result];
  if (cleared) cookies.push(clearCookieNamed(cleared, context.cookies));
  const kept = [...sentFlowCookies(header), ...sentResultCookies(header)].filter(
    (each) => each.name !== cleared && !each.name.endsWith(flowId),
  );
  const value = result.slice(result.indexOf('=') + 1, result.indexOf(';'));
  for (const name of overBudget(kept, value.length + 40)) {
    cookies.push(
      name.startsWith('rcf_result')
        ? clearResultCookie(name, context.cookies)
        : clearCookieNamed(name, context.cookies),
    );
  }
  return cookies;
}

/**
 * `GET {basePath}/callback/{provider}`: the provider's redirect. Verifies it against the
 * user's flow (used once, and confirmed with the provider), calls `onConnected`, and 303s to
 * the app's callback page without `uid` or `state`: the outcome waits in a short-lived signed
 * cookie of its own flow, which the page's marker names. A callback that is not a flow's (a
 * crafted link) leaves the user's flows and their pending results alone.
 */
export async function callbackRoute(
  request: Request,
  provider: ServerProvider,
  context: HandlerContext,
): Promise<Response> {
  const user = await context.config.getUser(request);
  const selected = user ? await redirectFlow(request, provider, user, context) : undefined;
  const flow = selected === 'ambiguous' ? undefined : selected;
  let outcome: ConnectOutcome;
  let matched = false;
  if (!user) outcome = ownOutcome(provider, 'unauthenticated');
  else if (selected === 'ambiguous') outcome = ownOutcome(provider, 'ambiguous_params');
  else {
    const parsed = parseCallback(request.url, {
      provider: adapters[provider],
      ...expectationOf(flow?.record),
    });
    ({ outcome, matched } = await decide(parsed, flow?.record, user, context, 'callback'));
  }
  const flowId = matched && flow ? flow.record.flowId : newFlowId();
  const page = (matched && flow?.record.page) || context.pagePath(undefined) || '/';
  const target = appendCallbackParams(page, { [resultMarker]: `${provider}.${flowId}` });
  const cleared = matched ? flow?.cookieName : undefined;
  return seeOther(
    target,
    await resultCookies(request, flowId, user ?? '', outcome, cleared, context),
  );
}
