import { outcomeOf } from '../../core/model/outcome';
import { ownError } from '../../core/model/decision';
import { emerge } from '../../core/model/providers/emerge';
import { zapier } from '../../core/model/providers/zapier';
import { sameText } from '../../core/shared/sameText';
import type { ConnectOutcome, OwnCode } from '../../core/model/types';
import type { FlowRecord } from '../cookies/flowCookie';
import { isProviderTimeout } from '../failures';
import type { HandlerContext } from '../handlerContext';
import { getEmergeConsentStatus } from '../providers/emergeConsentStatus';
import { findZapierAuthentication } from '../providers/zapierAuthentications';

/** Clocks differ: a consent issued up to five minutes before the flow began still counts. */
const clockSkew = 5 * 60_000;

/** Why a connection was not confirmed, for the outcome and for `onError`. */
class NotConfirmed extends Error {
  constructor(
    readonly code: OwnCode,
    message: string,
  ) {
    super(message);
    this.name = 'HandlerFailure';
  }
}

async function confirmZapier(
  outcome: ConnectOutcome,
  flow: FlowRecord,
  user: string,
  context: HandlerContext,
) {
  const config = context.config.zapier!;
  const found = await findZapierAuthentication({
    accessToken: await config.subjectToken(user),
    app: flow.app ?? config.apps[0],
    authenticationId: outcome.authenticationId ?? '',
    baseUrl: config.apiBaseUrl,
    fetch: config.fetch,
    signal: context.providerSignal(),
  });
  if (!found) {
    throw new NotConfirmed('not_verified', "zapier: the authentication is not one of the user's");
  }
}

async function confirmEmerge(
  outcome: ConnectOutcome,
  flow: FlowRecord,
  user: string,
  context: HandlerContext,
) {
  const config = context.config.emerge!;
  const uid = outcome.uid ?? '';
  if (config.uid) {
    // The app signs its own uid into the link: the callback must bring back that one.
    const expected = await config.uid(user);
    if (!expected || !sameText(uid, expected)) {
      throw new NotConfirmed('not_verified', 'emerge: the uid is not the one signed into the link');
    }
    return;
  }
  const status = await getEmergeConsentStatus({
    uid,
    apiToken: config.apiToken,
    baseUrl: config.apiBaseUrl,
    fetch: config.fetch,
    signal: context.providerSignal(),
  });
  const fresh = status.consents.some(
    (consent) =>
      consent.status === 'active' &&
      consent.issuedAt !== undefined &&
      consent.issuedAt >= flow.started - clockSkew,
  );
  if (status.clientId !== config.clientId || !fresh) {
    throw new NotConfirmed(
      'not_verified',
      'emerge: no consent to this client since the flow began',
    );
  }
}

function failureCode(thrown: unknown): OwnCode {
  if (thrown instanceof NotConfirmed) return thrown.code;
  if (isProviderTimeout(thrown)) return 'provider_timeout';
  return 'not_verified';
}

/**
 * Confirms a success with the provider before `onConnected`: a Zapier authentication must be
 * one of the user's (`GET /v2/authentications`); an Emerge uid must be the one the app signed
 * into the link (`emerge.uid`), or one whose consent status shows this client and a consent
 * given since the flow began. A failure, a 404 or a timeout is an error outcome, never a success.
 */
export async function confirmConnection(
  outcome: ConnectOutcome,
  flow: FlowRecord,
  user: string,
  context: HandlerContext,
  route: 'callback' | 'confirm',
): Promise<ConnectOutcome> {
  if (outcome.screen !== 'success' || flow.provider === 'gigs') return outcome;
  try {
    if (flow.provider === 'zapier') await confirmZapier(outcome, flow, user, context);
    else await confirmEmerge(outcome, flow, user, context);
    return outcome;
  } catch (thrown) {
    const code = failureCode(thrown);
    const provider = flow.provider;
    context.report(thrown, { route, provider, status: route === 'callback' ? 303 : 200, code });
    const adapter = provider === 'zapier' ? zapier : emerge;
    return outcomeOf({ provider: adapter }, ownError(code));
  }
}
