import { isVerifiedOutcome, type VerifiedOutcome } from '../../core/model/outcomeSummary';
import { sentCookies, type OwnCookie } from './cookieJar';
import { createdAtOf, userKey, userKeyIn, type CookieContext } from './flowCookie';
import { isLoopbackHttp } from '../../core/shared/loopback';
import { readSignedValue, serializeCookie, signValue } from './signedCookie';

/** How long the verified result waits for the callback page to read it: two minutes. */
export const resultLifetime = 120;

const resultName = /^rcf_result(?:_([0-9a-z]{9}[\w-]{8}))?$/;
const resultCookieName = (flowId: string) => `rcf_result_${flowId}`;

interface ResultRecord {
  /** A digest of the user it is for (`userKey`); of `''` for an outcome with nobody signed in. */
  user: string;
  outcome: VerifiedOutcome;
  /** Epoch ms after which the result is void, whatever the cookie's own lifetime. */
  expires: number;
}

// The result cookie goes to the whole site: a server-rendered callback page reads it too.
const options = (context: CookieContext, maxAge: number) => ({
  path: '/',
  maxAge,
  secure: !isLoopbackHttp(context.url),
});

export async function resultCookie(
  flowId: string,
  user: string,
  outcome: VerifiedOutcome,
  context: CookieContext,
) {
  const record: ResultRecord = {
    user: await userKeyIn(context, user),
    outcome,
    expires: Date.now() + resultLifetime * 1000,
  };
  const value = await signValue(record, context.secret);
  return serializeCookie(resultCookieName(flowId), value, options(context, resultLifetime));
}

export const clearResultCookie = (name: string, context: CookieContext) =>
  serializeCookie(name, '', options(context, 0));

/** This package's result cookies in a request: for eviction and for reading. */
export function sentResultCookies(
  cookieHeader: string | null,
): Array<OwnCookie & { flowId?: string }> {
  return sentCookies(cookieHeader).flatMap(({ name, value }) => {
    const match = resultName.exec(name);
    if (!match) return [];
    const flowId = match[1];
    return [{ name, value, createdAt: createdAtOf(flowId), ...(flowId ? { flowId } : {}) }];
  });
}

async function readRecord(value: string, secret: CookieContext['secret'], user: string) {
  const record = (await readSignedValue(value, secret)) as Partial<ResultRecord> | undefined;
  if (!record || !isVerifiedOutcome(record.outcome)) return undefined;
  // 0.2's results hold the user id itself and no expiry: the cookie's two minutes bound them.
  const legacy = record.expires === undefined;
  if (!legacy && !(typeof record.expires === 'number' && record.expires >= Date.now())) {
    return undefined;
  }
  const owner = legacy ? user : await userKey(user);
  return record.user === owner ? record.outcome : undefined;
}

/** A result found for the user, with the cookie that holds it. */
export interface FoundResult {
  cookieName: string;
  outcome: VerifiedOutcome;
}

/**
 * The verified outcome waiting for this user: the one of `flowId` (the page's marker) when
 * given; else the only one there is (a page of 0.2, or a page that lost its marker).
 */
export async function findResult(
  cookieHeader: string | null,
  context: Pick<CookieContext, 'secret'>,
  user: string,
  flowId?: string,
): Promise<FoundResult | undefined> {
  const sent = sentResultCookies(cookieHeader);
  const candidates = flowId ? sent.filter((each) => each.flowId === flowId) : sent;
  const found: FoundResult[] = [];
  for (const { name, value } of candidates) {
    const outcome = await readRecord(value, context.secret, user);
    if (outcome) found.push({ cookieName: name, outcome });
  }
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The verified outcome waiting for this user, if any: what a server-rendered callback page
 * passes as `verified` (`readResultCookie(cookieHeader, { secret }, user)`). Prefer
 * `handler.readResult({ headers, searchParams })`, which also reads the page's marker.
 */
export async function readResultCookie(
  cookieHeader: string | null,
  context: Pick<CookieContext, 'secret'>,
  user: string | undefined,
  flowId?: string,
): Promise<VerifiedOutcome | undefined> {
  if (user === undefined) return undefined;
  return (await findResult(cookieHeader, context, user, flowId))?.outcome;
}
