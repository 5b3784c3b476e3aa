import { outcomeOf } from '../../core/model/outcome';
import { verifiedOutcome } from '../../core/model/outcomeSummary';
import { decideCallback, expectationOf } from '../../core/model/parseCallback';
import { zapier } from '../../core/model/providers/zapier';
import { readConfirmBody, type ResultBody } from '../../core/wire/bodies';
import { clearCookieNamed, readFlows } from '../cookies/flowCookie';
import type { HandlerContext } from '../handlerContext';
import { isSameOriginJson, jsonResponse, problem, readJsonObject } from '../http/responses';
import { decide, selectFlow } from './flowDecision';

/**
 * `POST {basePath}/confirm/zapier`: a Zapier popup's `postMessage` result, confirmed through
 * its flow (a popup flow of this user, by the state) and with Zapier before `onConnected`.
 * Answers the verified outcome; 401 without a signed-in user.
 */
export async function confirmRoute(request: Request, context: HandlerContext): Promise<Response> {
  if (!isSameOriginJson(request, context.url.origin))
    return context.crossOrigin(request, 'confirm', 'zapier');
  const user = await context.config.getUser(request);
  if (!user) return problem(401, 'unauthenticated');
  const body = await readJsonObject(request);
  if (body === 'too_large') return problem(413, 'body_too_large');
  const confirmation = readConfirmBody(body);
  if (!confirmation) return problem(400, 'invalid_confirmation');
  const { authenticationId, state } = confirmation;
  const flows = await readFlows(
    request.headers.get('cookie'),
    'zapier',
    context.cookies,
    user,
    context.flowLifetime,
  );
  const popupFlows = flows.filter(({ record }) => record.mode === 'popup');
  const selected = selectFlow(popupFlows, { state });
  const flow = selected === 'ambiguous' ? undefined : selected;
  const params = { authentication_id: authenticationId, state };
  const parsed = outcomeOf(
    { provider: zapier, params },
    decideCallback(zapier, params, expectationOf(flow?.record)),
  );
  const { outcome, matched } = await decide(parsed, flow?.record, user, context, 'confirm');
  const headers =
    matched && flow
      ? { 'Set-Cookie': clearCookieNamed(flow.cookieName, context.cookies) }
      : undefined;
  const answer: ResultBody = { outcome: verifiedOutcome(outcome) };
  return jsonResponse(200, answer, headers);
}
