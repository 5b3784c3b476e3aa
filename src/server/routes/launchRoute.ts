import { randomBase64Url } from '../../core/shared/crypto';
import { readLaunchBody, type LaunchAnswers } from '../../core/wire/protocol';
import { createEmergeLink } from '../providers/emergeLink';
import { flowCookie, type FlowRecord } from '../cookies/flowCookie';
import { createGigsSession } from '../providers/gigsSession';
import type { HandlerContext } from '../handlerContext';
import type { LaunchRequest, ServerProvider } from '../handlerConfig';
import { isSameOriginJson, jsonResponse, problem, readJsonObject } from '../http/responses';
import { createZapierConnectToken } from '../providers/zapierToken';

/** What `useConnect` needs back: the adapter's launch, and what the cookie binds. */
interface Minted {
  launch: LaunchAnswers[ServerProvider];
  sessionId?: string;
  reconnect?: boolean;
}

async function mintGigs(context: HandlerContext, launch: LaunchRequest, callbackUrl: string) {
  const config = context.config.gigs!;
  const intent = typeof config.intent === 'function' ? await config.intent(launch) : config.intent;
  const session = await createGigsSession({
    apiToken: config.apiToken,
    project: config.project,
    intent,
    callbackUrl,
    user: (await config.gigsUser?.(launch.user)) ?? null,
    userDetails: await config.userDetails?.(launch.user),
    appearance: config.appearance,
    baseUrl: config.baseUrl,
    fetch: config.fetch,
  });
  return { launch: { url: session.url, id: session.id }, sessionId: session.id };
}

async function mintEmerge(
  context: HandlerContext,
  launch: LaunchRequest,
  callbackUrl: string,
  state: string,
) {
  const config = context.config.emerge!;
  const url = await createEmergeLink({
    clientId: config.clientId,
    signingSecret: config.signingSecret,
    redirectUri: callbackUrl,
    state,
    uid: await config.uid?.(launch.user),
    flowConfig: config.flowConfig,
    baseUrl: config.linkBaseUrl,
  });
  return { launch: { url } };
}

async function mintZapier(
  context: HandlerContext,
  launch: LaunchRequest,
): Promise<Minted | undefined> {
  const config = context.config.zapier!;
  const app = launch.params.app ?? config.apps[0];
  if (!config.apps.includes(app)) return undefined;
  const reconnectId = launch.params.reconnectId;
  const token = await createZapierConnectToken({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    app,
    subjectToken: await config.subjectToken(launch.user),
    baseUrl: config.baseUrl,
    connectBaseUrl: config.connectBaseUrl,
    fetch: config.fetch,
  });
  // Values left undefined are left out of the JSON answer.
  const { connectBaseUrl: baseUrl, theme } = config;
  return {
    launch: { token: token.token, app, baseUrl, theme, reconnectId },
    reconnect: !!reconnectId,
  };
}

/**
 * `POST {basePath}/launch/{provider}`: mints this attempt's session, link or token, and binds
 * the flow (provider, state, Gigs session, user, expiry) in a signed, HttpOnly cookie.
 */
export async function launchRoute(
  request: Request,
  provider: ServerProvider,
  context: HandlerContext,
) {
  if (!isSameOriginJson(request, context.url.origin)) return problem(403, 'cross_origin');
  const user = await context.config.getUser(request);
  if (!user) return problem(401, 'unauthenticated');
  const json = await readJsonObject(request);
  if (json === 'too_large') return problem(413, 'body_too_large');
  const body = readLaunchBody(json);
  if (!body) return problem(400, 'invalid_launch');
  const { params, state } = body;
  const page = context.pagePath(body.page);
  if (!page) return problem(400, 'invalid_page');
  const launch: LaunchRequest = { request, user, params };
  const callbackUrl = context.callbackUrl(provider);
  let minted: Minted | undefined;
  try {
    if (provider === 'gigs') minted = await mintGigs(context, launch, callbackUrl);
    else if (provider === 'emerge') minted = await mintEmerge(context, launch, callbackUrl, state);
    else minted = await mintZapier(context, launch);
  } catch {
    // Provider errors never reach the browser: they may name a token or a session URL.
    return problem(502, 'provider_unavailable');
  }
  if (!minted) return problem(400, 'invalid_launch');
  const record: FlowRecord = {
    provider,
    state,
    sessionId: minted.sessionId,
    reconnect: minted.reconnect ?? false,
    user,
    page,
    expires: Date.now() + context.flowLifetime * 1000,
    nonce: randomBase64Url(16),
  };
  const cookie = await flowCookie(record, context.cookies, context.flowLifetime);
  return jsonResponse(200, minted.launch, { 'Set-Cookie': cookie });
}
