// A route handler that decides a Gigs callback itself, with no React: `parseCallback` from
// `react-connect-flow/core`, bound to the session this server created. The same function from
// the main entry (`react-connect-flow`) must work here too: the main entry carries no
// 'use client' of its own, so its non-React exports are plain server code.
import { gigs as mainGigs, parseCallback as mainParseCallback } from 'react-connect-flow';
import { gigs, parseCallback } from 'react-connect-flow/core';

/**
 * The Gigs Connect session this server created for the flow being checked. A real app looks
 * it up (its database, the user's session); the example has one fixed session.
 */
const expectedSessionId = 'csn_example_expected';

/** `GET /api/verify?session_id=…&status=…`: the decision, from both entries. */
export function GET(request: Request): Response {
  const expectation = { expectedSessionId };
  const outcome = parseCallback(request.url, { provider: gigs, ...expectation });
  const fromMain = mainParseCallback(request.url, { provider: mainGigs, ...expectation });
  const body = {
    provider: outcome.provider,
    screen: outcome.screen,
    code: outcome.code ?? null,
    sessionId: outcome.sessionId ?? null,
    mainEntryAgrees: fromMain.screen === outcome.screen && fromMain.code === outcome.code,
  };
  return Response.json(body, { status: outcome.screen === 'success' ? 200 : 400 });
}
