import { isRecord, readText } from '../http/json';
import { ProviderRequestError } from './providerError';
import { joinUrl, requestJson, type FetchOptions } from './providerFetch';

export interface ZapierAuthenticationsOptions extends FetchOptions {
  /** Your user's Zapier access token (the `subjectToken` of the connect token exchange). */
  accessToken: string;
  /** The app whose authentications to list (`?app=`). */
  app: string;
  /** The Zapier API. Defaults to `https://api.zapier.com`. */
  baseUrl?: string | undefined;
}

/** One of the user's connections (docs.zapier.com, "Get Authentications"). */
export interface ZapierAuthentication {
  id: string;
  app: string;
  /** `true`: it will not be usable; direct the user to reconnect it (`reconnectId`). */
  isExpired: boolean;
  title: string;
}

/** A page of 100 at most; a user with more than 1,000 authentications for one app is read partly. */
const pageSize = 100;
const maxPages = 10;

function readAuthentication(value: unknown): ZapierAuthentication | undefined {
  if (!isRecord(value)) return undefined;
  const id = typeof value.id === 'number' ? String(value.id) : readText(value.id);
  if (!id) return undefined;
  const app = typeof value.app === 'string' ? value.app : '';
  const title = typeof value.title === 'string' ? value.title : '';
  return { id, app, isExpired: value.is_expired === true, title };
}

async function readPage(options: ZapierAuthenticationsOptions, offset: number) {
  const url = new URL(joinUrl(options.baseUrl ?? 'https://api.zapier.com', '/v2/authentications'));
  url.searchParams.set('app', options.app);
  url.searchParams.set('limit', String(pageSize));
  url.searchParams.set('offset', String(offset));
  const init: RequestInit = {
    method: 'GET',
    headers: { Authorization: `Bearer ${options.accessToken}`, Accept: 'application/json' },
    redirect: 'manual',
  };
  if (options.signal) init.signal = options.signal;
  const answer = await requestJson({ url: url.href, init }, options);
  if (!answer.ok) throw new ProviderRequestError('zapier', answer.failure);
  const data = isRecord(answer.body) ? answer.body.data : undefined;
  if (!Array.isArray(data)) {
    throw new ProviderRequestError('zapier', { kind: 'bad-response', status: answer.status });
  }
  return data.map(readAuthentication).filter((each) => each !== undefined);
}

/**
 * Whether `authenticationId` is one of the user's authentications for `app`, by
 * `GET /v2/authentications?app=…` with the user's access token, page by page. Throws a
 * {@link ProviderRequestError} when Zapier cannot say, and the caller's abort reason (a timeout).
 */
export async function findZapierAuthentication(
  options: ZapierAuthenticationsOptions & { authenticationId: string },
): Promise<ZapierAuthentication | undefined> {
  for (let page = 0; page < maxPages; page += 1) {
    const authentications = await readPage(options, page * pageSize);
    const found = authentications.find((each) => each.id === options.authenticationId);
    if (found) return found;
    if (authentications.length < pageSize) return undefined;
  }
  return undefined;
}
