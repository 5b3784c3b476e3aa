import { toBase64Url } from '../../core/shared/base64url';
import type { ServerProvider } from '../handlerConfig';
import { sha256 } from '../hmac';
import { randomToken } from '../randomToken';
import { sentCookies, type OwnCookie } from './cookieJar';
import { isLoopbackHttp } from '../../core/shared/loopback';
import { readSignedValue, serializeCookie, signValue, type CookieSecret } from './signedCookie';

/** One flow, bound to the user who started it: the whole server-side state of a flow. */
export interface FlowRecord {
  provider: ServerProvider;
  /** Names the flow's cookie, its result and the page's marker; not a secret. */
  flowId: string;
  /** The CSRF state sent with this attempt. */
  state: string;
  /** The Gigs session this attempt created. */
  sessionId?: string | undefined;
  /** How the attempt opened the provider: a Zapier popup flow takes no redirect callback. */
  mode: 'popup' | 'redirect';
  /** Zapier: the app this flow connects (a redirect success names it as `service`). */
  app?: string | undefined;
  reconnect: boolean;
  /** A digest of the user who launched it (user ids can be long; the cookie stays small). */
  user: string;
  /** The app's callback page to send the browser to (a same-origin path). */
  page: string;
  /** Epoch ms when the flow began: an Emerge consent must be newer. */
  started: number;
  /** Epoch ms after which the flow is over. */
  expires: number;
  /** Names this flow in the handler's store of used flows: a callback uses it once. */
  nonce: string;
}

export interface CookieContext {
  secret: CookieSecret;
  basePath: string;
  url: URL;
  /** The request's `userKey`s so far: a callback needs its user's twice (flows, result). */
  userKeys?: Map<string, Promise<string>>;
}

/** A browser keeps at most this many flows per provider: a fourth launch drops the oldest. */
export const flowsPerProvider = 3;

const flowName = /^rcf_flow_(gigs|emerge|zapier)(?:_([0-9a-z]{9}[\w-]{8}))?$/;
const flowCookieName = (provider: ServerProvider, flowId: string) =>
  `rcf_flow_${provider}_${flowId}`;

/** A new flow's id: its start time in base 36 (so names sort oldest first), then 48 random bits. */
export const newFlowId = (now = Date.now()) =>
  `${now.toString(36).padStart(9, '0')}${randomToken(6)}`;

/** When a flow or result id was made; 0 for names of 0.2 (one cookie per provider). */
export const createdAtOf = (flowId: string | undefined) =>
  flowId ? parseInt(flowId.slice(0, 9), 36) : 0;

/** The digest a record keeps of a user id: SHA-256, base64url. */
export async function userKey(user: string): Promise<string> {
  return toBase64Url(await sha256(user));
}

/** `userKey`, computed once per request where the context keeps the request's keys. */
export function userKeyIn(context: Pick<CookieContext, 'userKeys'>, user: string) {
  const kept = context.userKeys?.get(user);
  if (kept) return kept;
  const key = userKey(user);
  context.userKeys?.set(user, key);
  return key;
}

const options = (context: CookieContext, maxAge: number) => ({
  path: context.basePath,
  maxAge,
  secure: !isLoopbackHttp(context.url),
});

export async function flowCookie(record: FlowRecord, context: CookieContext, lifetime: number) {
  const value = await signValue(record, context.secret);
  const name = flowCookieName(record.provider, record.flowId);
  return serializeCookie(name, value, options(context, lifetime));
}

/** Clears a flow cookie by its name (the names of 0.2 included). */
export const clearCookieNamed = (name: string, context: CookieContext) =>
  serializeCookie(name, '', options(context, 0));

/** This package's flow cookies in a request, of any provider, signed or not: for eviction. */
export function sentFlowCookies(
  cookieHeader: string | null,
): Array<OwnCookie & { provider: string }> {
  return sentCookies(cookieHeader).flatMap(({ name, value }) => {
    const match = flowName.exec(name);
    if (!match) return [];
    return [{ name, value, provider: match[1] ?? '', createdAt: createdAtOf(match[2]) }];
  });
}

function isFlowRecord(value: unknown): value is Omit<FlowRecord, 'flowId'> & { flowId?: string } {
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

/** A flow with the name of the cookie that holds it. */
export interface SentFlow {
  cookieName: string;
  record: FlowRecord;
}

/**
 * The provider's flows in the request's cookies that we signed, that are unexpired and that
 * are this user's. A cookie of 0.2 (`rcf_flow_{provider}`, no mode, no start) reads as a
 * redirect flow that began at its expiry less `lifetime`: accepted through a rolling deploy.
 */
export async function readFlows(
  cookieHeader: string | null,
  provider: ServerProvider,
  context: CookieContext,
  user: string | undefined,
  lifetime: number,
): Promise<SentFlow[]> {
  if (user === undefined) return [];
  const key = await userKeyIn(context, user);
  const flows: SentFlow[] = [];
  for (const sent of sentFlowCookies(cookieHeader)) {
    if (sent.provider !== provider) continue;
    const record = await readSignedValue(sent.value, context.secret);
    if (!isFlowRecord(record) || record.provider !== provider) continue;
    // 0.2's records hold the user id itself, and no flow id.
    const owner = record.flowId === undefined ? user : key;
    if (record.expires < Date.now() || record.user !== owner) continue;
    flows.push({
      cookieName: sent.name,
      record: {
        ...record,
        flowId: record.flowId ?? newFlowId(record.expires - lifetime * 1000),
        mode: record.mode === 'popup' ? 'popup' : 'redirect',
        started: record.started ?? record.expires - lifetime * 1000,
      },
    });
  }
  return flows;
}
