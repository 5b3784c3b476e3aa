import { outcomeOf, ownError } from '../../core/model/outcome';
import { verifiedOutcome } from '../../core/model/outcomeSummary';
import { decideCallback, expectationOf, parseCallback } from '../../core/model/parseCallback';
import { emerge } from '../../core/model/providers/emerge';
import { gigs } from '../../core/model/providers/gigs';
import { zapier } from '../../core/model/providers/zapier';
import { appendCallbackParams } from '../../core/model/callbackUrl';
import { readConfirmBody, resultMarker, type ResultBody } from '../../core/wire/protocol';
import type { AnyProviderAdapter, ConnectOutcome } from '../../core/model/types';
import {
  clearFlowCookie,
  readFlowCookie,
  readResultCookie,
  resultCookie,
  type FlowRecord,
} from '../cookies/flowCookie';
import { claimKey } from '../stores/dedupeStore';
import type { HandlerContext } from '../handlerContext';
import type { ServerProvider } from '../handlerConfig';
import {
  isSameOriginJson,
  jsonResponse,
  problem,
  readJsonObject,
  seeOther,
} from '../http/responses';

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

/** Outcomes that say the callback is not this flow's: the flow stays, for its own callback. */
const notThisFlow: ReadonlySet<unknown> = new Set([
  'invalid_state',
  'session_mismatch',
  'missing_params',
  'ambiguous_params',
  'malformed_params',
]);

/**
 * Decides a callback against the user's flow: the flow is used once (its nonce claimed in the
 * handler's store: a replayed or doubled callback finds it used), then `onConnected` runs.
 */
async function decide(
  parsed: ConnectOutcome,
  flow: FlowRecord | undefined,
  provider: ServerProvider,
  user: string | undefined,
  context: HandlerContext,
) {
  const matched = !!flow && !notThisFlow.has(parsed.code);
  if (!matched) return { outcome: parsed, matched };
  const fresh = await claimKey(context.usedFlows, `rcf:flow:${flow.nonce}`, context.flowLifetime);
  const outcome = fresh
    ? parsed
    : outcomeOf({ provider: adapters[provider] }, ownError('unsolicited_callback'));
  return { outcome: await record(outcome, provider, user, context), matched };
}

/**
 * `GET {basePath}/callback/{provider}`: the provider's redirect. Verifies it against the
 * user's flow cookie (used once), calls `onConnected`, and 303s to the app's callback page
 * without `uid` or `state`: the outcome waits in a short-lived signed cookie. A callback that
 * is not the flow's (a crafted link) leaves the flow and its pending result alone.
 */
export async function callbackRoute(
  request: Request,
  provider: ServerProvider,
  context: HandlerContext,
): Promise<Response> {
  const user = await context.config.getUser(request);
  const flow = await readFlowCookie(request, provider, context.cookies, user);
  const parsed = parseCallback(request.url, {
    provider: adapters[provider],
    ...expectationOf(flow),
  });
  const { outcome, matched } = await decide(parsed, flow, provider, user, context);
  const page = flow?.page ?? context.pagePath(undefined) ?? '/';
  const target = appendCallbackParams(page, { [resultMarker]: provider });
  // With no flow (a crafted link, a used token's error) a pending result of the user's stays.
  const cookieHeader = request.headers.get('cookie');
  if (!flow && (await readResultCookie(cookieHeader, context.cookies, user ?? ''))) {
    return seeOther(target);
  }
  const result = { user: user ?? '', outcome: verifiedOutcome(outcome) };
  const cookies = [await resultCookie(result, context.cookies)];
  if (matched) cookies.push(clearFlowCookie(provider, context.cookies));
  return seeOther(target, cookies);
}

/**
 * `POST {basePath}/confirm/zapier`: a Zapier popup's `postMessage` result, confirmed through
 * the same flow cookie before `onConnected`. Answers the verified outcome.
 */
export async function confirmRoute(request: Request, context: HandlerContext): Promise<Response> {
  if (!isSameOriginJson(request, context.url.origin)) return problem(403, 'cross_origin');
  const json = await readJsonObject(request);
  if (json === 'too_large') return problem(413, 'body_too_large');
  const body = readConfirmBody(json);
  if (!body) return problem(400, 'invalid_confirmation');
  const { authenticationId, state } = body;
  const user = await context.config.getUser(request);
  const flow = await readFlowCookie(request, 'zapier', context.cookies, user);
  const params = { authentication_id: authenticationId, state };
  const parsed = outcomeOf(
    { provider: zapier, params },
    decideCallback(zapier, params, expectationOf(flow)),
  );
  const { outcome, matched } = await decide(parsed, flow, 'zapier', user, context);
  const headers = matched
    ? { 'Set-Cookie': clearFlowCookie('zapier', context.cookies) }
    : undefined;
  const answer: ResultBody = { outcome: verifiedOutcome(outcome) };
  return jsonResponse(200, answer, headers);
}
