import { readLaunchBody } from '../../core/wire/bodies';
import { overBudget } from '../cookies/cookieJar';
import {
  clearCookieNamed,
  flowCookie,
  flowsPerProvider,
  newFlowId,
  readFlows,
  sentFlowCookies,
  userKey,
  type FlowRecord,
} from '../cookies/flowCookie';
import { clearResultCookie, sentResultCookies } from '../cookies/resultCookie';
import { createEmergeLink } from '../providers/emergeLink';
import { createGigsSession } from '../providers/gigsSession';
import type { HandlerContext } from '../handlerContext';
import type { LaunchRequest, ServerProvider } from '../handlerConfig';
import { isSameOriginJson, jsonResponse, problem, readJsonObject } from '../http/responses';
import { createZapierConnectToken } from '../providers/zapierToken';
import { ProviderRequestError } from '../providers/providerError';
import { HandlerFailure, isProviderTimeout } from '../failures';
import { randomToken } from '../randomToken';

/** What `useConnect` needs back: the adapter's launch, and what the cookie binds. */
interface Minted {
  launch: Record<string, unknown>;
  sessionId?: string;
  reconnect?: boolean;
  app?: string;
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
    signal: context.providerSignal(),
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
    signal: context.providerSignal(),
  });
  const extra = { baseUrl: config.connectBaseUrl, theme: config.theme, reconnectId };
  const defined = Object.entries(extra).filter(([, value]) => value !== undefined);
  return {
    launch: { token: token.token, app, ...Object.fromEntries(defined) },
    reconnect: !!reconnectId,
    app,
  };
}

/** The launch's failure as the browser sees it: a timeout, a provider's error, or ours. */
function mintFailure(thrown: unknown): [number, string] {
  if (isProviderTimeout(thrown)) {
    return [504, 'provider_timeout'];
  }
  if (thrown instanceof ProviderRequestError) return [502, 'provider_unavailable'];
  // The app's `intent`, `subjectToken`, `gigsUser`… threw.
  return [500, 'internal_error'];
}

async function mint(
  context: HandlerContext,
  provider: ServerProvider,
  launch: LaunchRequest,
  state: string,
) {
  const callbackUrl = context.callbackUrl(provider);
  if (provider === 'gigs') return mintGigs(context, launch, callbackUrl);
  if (provider === 'emerge') return mintEmerge(context, launch, callbackUrl, state);
  return mintZapier(context, launch);
}

/**
 * The new flow's cookie, and the older cookies to clear: a browser keeps a few flows per
 * provider (the oldest goes first), and all of this package's cookies stay under 8 KiB.
 */
async function flowCookies(
  request: Request,
  record: FlowRecord,
  user: string,
  context: HandlerContext,
) {
  const cookie = await flowCookie(record, context.cookies, context.flowLifetime);
  const header = request.headers.get('cookie');
  const flows = sentFlowCookies(header).sort((a, b) => b.createdAt - a.createdAt);
  const sameProvider = flows.filter((each) => each.provider === record.provider);
  const dropped = new Set(sameProvider.slice(flowsPerProvider - 1).map((each) => each.name));
  for (const name of await replacedFlows(header, record, user, context)) dropped.add(name);
  const kept = [...flows, ...sentResultCookies(header)].filter((each) => !dropped.has(each.name));
  for (const name of overBudget(kept, cookie.indexOf(';'))) dropped.add(name);
  const clears = [...dropped].map((name) =>
    name.startsWith('rcf_result')
      ? clearResultCookie(name, context.cookies)
      : clearCookieNamed(name, context.cookies),
  );
  return [cookie, ...clears];
}

/**
 * A Zapier redirect flow replaces the user's earlier redirect flows for the same app: the tab
 * left them (Back, a reload), and a redirect success names only its app, so two would be
 * ambiguous. Popup flows are told apart by their state, and stay.
 */
async function replacedFlows(
  header: string | null,
  record: FlowRecord,
  user: string,
  context: HandlerContext,
) {
  if (record.provider !== 'zapier' || record.mode !== 'redirect') return [];
  const flows = await readFlows(header, 'zapier', context.cookies, user, context.flowLifetime);
  return flows
    .filter((each) => each.record.mode === 'redirect' && each.record.app === record.app)
    .map((each) => each.cookieName);
}

/**
 * `POST {basePath}/launch/{provider}`: mints this attempt's session, link or token, and binds
 * the flow (provider, state, mode, Gigs session, Zapier app, user, expiry) in a signed,
 * HttpOnly cookie of its own. Cheap checks first (origin, user), then the body, bounded.
 */
export async function launchRoute(
  request: Request,
  provider: ServerProvider,
  context: HandlerContext,
) {
  if (!isSameOriginJson(request, context.url.origin))
    return context.crossOrigin(request, 'launch', provider);
  const user = await context.config.getUser(request);
  if (!user) return problem(401, 'unauthenticated');
  const body = await readJsonObject(request);
  if (body === 'too_large') return problem(413, 'body_too_large');
  const launch = readLaunchBody(body);
  if (!launch) return problem(400, 'invalid_launch');
  const { state, mode, params } = launch;
  const page = context.pagePath(launch.page);
  if (!page) return problem(400, 'invalid_page');
  let minted: Minted | undefined;
  try {
    minted = await mint(context, provider, { request, user, params }, state);
  } catch (thrown) {
    // Provider errors never reach the browser: they may name a token or a session URL.
    const [status, code] = mintFailure(thrown);
    context.report(thrown, { route: 'launch', provider, status, code });
    return problem(status, code);
  }
  if (!minted) return problem(400, 'invalid_launch');
  if (minted.sessionId !== undefined && !/^[\w-]{1,128}$/.test(minted.sessionId)) {
    context.report(new HandlerFailure('gigs: the session id is not a short token'), {
      route: 'launch',
      provider,
      status: 502,
      code: 'provider_unavailable',
    });
    return problem(502, 'provider_unavailable');
  }
  const now = Date.now();
  const record: FlowRecord = {
    provider,
    flowId: newFlowId(now),
    state,
    sessionId: minted.sessionId,
    mode,
    app: minted.app,
    reconnect: minted.reconnect ?? false,
    user: await userKey(user),
    page,
    started: now,
    expires: now + context.flowLifetime * 1000,
    nonce: randomToken(16),
  };
  const headers = new Headers();
  for (const cookie of await flowCookies(request, record, user, context))
    headers.append('Set-Cookie', cookie);
  return jsonResponse(200, minted.launch, headers);
}
