import { isVerifiedOutcome, type VerifiedOutcome } from '../../core/model/outcomeSummary';
import { flowCookieName, resultCookieName } from '../../core/wire/protocol';
import type { ServerProvider } from '../handlerConfig';
import {
  cookieValue,
  isLoopbackHttp,
  readSignedValue,
  serializeCookie,
  signValue,
  type CookieSecret,
} from './signedCookie';

/** One flow, bound to the user who started it: the whole server-side state of a flow. */
export interface FlowRecord {
  provider: ServerProvider;
  /** The CSRF state sent with this attempt. */
  state: string;
  /** The Gigs session this attempt created. */
  sessionId?: string | undefined;
  reconnect: boolean;
  /** The user who launched it. */
  user: string;
  /** The app's callback page to send the browser to (a same-origin path). */
  page: string;
  /** Epoch ms after which the flow is over. */
  expires: number;
  /** Names this flow in the handler's store of used flows: a callback uses it once. */
  nonce: string;
}

export interface CookieContext {
  secret: CookieSecret;
  basePath: string;
  url: URL;
}

/** How long the verified result waits for the callback page to read it: two minutes. */
const resultLifetime = 120;

const options = (context: CookieContext, maxAge: number) => ({
  path: context.basePath,
  maxAge,
  secure: !isLoopbackHttp(context.url),
});

export async function flowCookie(record: FlowRecord, context: CookieContext, lifetime: number) {
  const value = await signValue(record, context.secret);
  return serializeCookie(flowCookieName(record.provider), value, options(context, lifetime));
}

export const clearFlowCookie = (provider: ServerProvider, context: CookieContext) =>
  serializeCookie(flowCookieName(provider), '', options(context, 0));

function isFlowRecord(value: unknown): value is FlowRecord {
  const record = value as Partial<FlowRecord> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.state === 'string' &&
    typeof record.user === 'string' &&
    typeof record.page === 'string' &&
    typeof record.expires === 'number' &&
    typeof record.nonce === 'string' &&
    typeof record.reconnect === 'boolean'
  );
}

/** The provider's flow from the request's cookie, if signed by us, unexpired, and this user's. */
export async function readFlowCookie(
  request: Request,
  provider: ServerProvider,
  context: CookieContext,
  user: string | undefined,
): Promise<FlowRecord | undefined> {
  const text = cookieValue(request.headers.get('cookie'), flowCookieName(provider));
  const record = text ? await readSignedValue(text, context.secret) : undefined;
  if (!isFlowRecord(record) || record.provider !== provider) return undefined;
  if (record.expires < Date.now() || record.user !== user) return undefined;
  return record;
}

interface ResultRecord {
  user: string;
  outcome: VerifiedOutcome;
}

// The result cookie goes to the whole site: a server-rendered callback page reads it too.
const resultOptions = (context: CookieContext, maxAge: number) => ({
  ...options(context, maxAge),
  path: '/',
});

export async function resultCookie(result: ResultRecord, context: CookieContext) {
  const value = await signValue(result, context.secret);
  return serializeCookie(resultCookieName, value, resultOptions(context, resultLifetime));
}

export const clearResultCookie = (context: CookieContext) =>
  serializeCookie(resultCookieName, '', resultOptions(context, 0));

/**
 * The verified outcome waiting for this user, if any: what a server-rendered callback page
 * passes as `verified` (`readResultCookie(cookieHeader, { secret }, user)`).
 */
export async function readResultCookie(
  cookieHeader: string | null,
  context: Pick<CookieContext, 'secret'>,
  user: string | undefined,
): Promise<VerifiedOutcome | undefined> {
  const text = cookieValue(cookieHeader, resultCookieName);
  const value = (text ? await readSignedValue(text, context.secret) : undefined) as
    Partial<ResultRecord> | undefined;
  if (!value || value.user !== user || !isVerifiedOutcome(value.outcome)) return undefined;
  return value.outcome;
}
