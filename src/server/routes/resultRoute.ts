import { clearResultCookie, findResult } from '../cookies/resultCookie';
import type { HandlerContext } from '../handlerContext';
import { jsonResponse } from '../http/responses';
import type { ResultBody } from '../../core/wire/bodies';

/** The flow id in the page's marker (`{provider}.{flowId}`), or in `?flow=`. */
export function flowIdOf(marker: string | null | undefined): string | undefined {
  const flowId = marker?.slice(marker.indexOf('.') + 1);
  return flowId && /^[0-9a-z]{9}[\w-]{8}$/.test(flowId) ? flowId : undefined;
}

/**
 * `GET {basePath}/result?flow={flowId}`: the verified outcome the callback route left for this
 * user and flow, read once. A crafted link to the callback page finds nothing here. With nobody
 * signed in, only an outcome left for nobody (`unauthenticated`) is found.
 */
export async function resultRoute(request: Request, context: HandlerContext): Promise<Response> {
  const user = (await context.config.getUser(request)) ?? '';
  const flowId = flowIdOf(new URL(request.url).searchParams.get('flow'));
  const found = await findResult(request.headers.get('cookie'), context.cookies, user, flowId);
  const nothing: ResultBody = { outcome: null };
  if (!found) return jsonResponse(200, nothing);
  // 200 either way: a 404 would be logged as an error in the browser's console.
  const clear = { 'Set-Cookie': clearResultCookie(found.cookieName, context.cookies) };
  const answer: ResultBody = { outcome: found.outcome };
  return jsonResponse(200, answer, clear);
}
