import { outcomeOf, ownError } from '../core/outcome';
import { verifiedOutcome } from '../core/outcomeSummary';
import { decideCallback, parseCallback } from '../core/parseCallback';
import { emerge } from '../core/providers/emerge';
import { gigs } from '../core/providers/gigs';
import { zapier } from '../core/providers/zapier';
import { resultMarker } from '../core/resultMarker';
import type { AnyProviderAdapter, ConnectOutcome } from '../core/types';
import { clearFlowCookie, readFlowCookie, resultCookie, type FlowRecord } from './flowCookie';
import type { HandlerContext } from './handlerContext';
import type { ServerProvider } from './handlerConfig';
import { jsonResponse, problem, readJsonObject, seeOther } from './responses';

const adapters: Record<ServerProvider, AnyProviderAdapter> = { gigs, emerge, zapier };

/** Calls `onConnected` for a success; a failure there becomes an error outcome. */
async function record(
  outcome: ConnectOutcome,
  provider: ServerProvider,
  user: string | undefined,
  context: HandlerContext,
): Promise<ConnectOutcome> {
  if (outcome.screen !== 'success' || !user) return outcome;
  const { sessionId, uid, authenticationId, service, reconnected } = outcome;
  const ids = Object.entries({ sessionId, uid, authenticationId, service });
  const given = Object.fromEntries(ids.filter(([, value]) => value !== undefined));
  try {
    await context.config.onConnected({ provider, user, reconnected, ...given });
    return outcome;
  } catch {
    return outcomeOf({ provider: adapters[provider] }, ownError('not_recorded'));
  }
}

const expectation = (flow: FlowRecord | undefined) => ({
  expectedState: flow?.state,
  expectedSessionId: flow?.sessionId,
  reconnect: flow?.reconnect,
});

/**
 * `GET {basePath}/callback/{provider}`: the provider's redirect. Verifies it against the
 * user's flow cookie (consumed once), calls `onConnected`, and 303s to the app's callback page
 * without `uid` or `state`: the outcome waits in a short-lived signed cookie.
 */
export async function callbackRoute(
  request: Request,
  provider: ServerProvider,
  context: HandlerContext,
): Promise<Response> {
  const user = await context.config.getUser(request);
  const flow = await readFlowCookie(request, provider, context.cookies, user);
  const parsed = parseCallback(request.url, { provider: adapters[provider], ...expectation(flow) });
  const outcome = await record(parsed, provider, user, context);
  const page = flow?.page ?? context.pagePath(undefined) ?? '/';
  const joiner = page.includes('?') ? '&' : '?';
  const result = { user: user ?? '', outcome: verifiedOutcome(outcome) };
  return seeOther(`${page}${joiner}${resultMarker}=${provider}`, [
    clearFlowCookie(provider, context.cookies),
    await resultCookie(result, context.cookies),
  ]);
}

/**
 * `POST {basePath}/confirm/zapier`: a Zapier popup's `postMessage` result, confirmed through
 * the same flow cookie before `onConnected`. Answers the verified outcome.
 */
export async function confirmRoute(request: Request, context: HandlerContext): Promise<Response> {
  const body = await readJsonObject(request);
  const { authenticationId, state } = body ?? {};
  if (typeof authenticationId !== 'string' || typeof state !== 'string') {
    return problem(400, 'invalid_confirmation');
  }
  const user = await context.config.getUser(request);
  const flow = await readFlowCookie(request, 'zapier', context.cookies, user);
  const params = { authentication_id: authenticationId, state };
  const decision = decideCallback(zapier, params, expectation(flow));
  const outcome = await record(
    outcomeOf({ provider: zapier, params }, decision),
    'zapier',
    user,
    context,
  );
  return jsonResponse(
    200,
    { outcome: verifiedOutcome(outcome) },
    {
      'Set-Cookie': clearFlowCookie('zapier', context.cookies),
    },
  );
}
