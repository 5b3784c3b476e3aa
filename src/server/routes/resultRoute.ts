import type { ResultBody } from '../../core/wire/protocol';
import { clearResultCookie, readResultCookie } from '../cookies/flowCookie';
import type { HandlerContext } from '../handlerContext';
import { jsonResponse } from '../http/responses';

/**
 * `GET {basePath}/result`: the verified outcome the callback route left for this user, read
 * once. A crafted link to the callback page finds nothing here.
 */
export async function resultRoute(request: Request, context: HandlerContext): Promise<Response> {
  const user = await context.config.getUser(request);
  const outcome = await readResultCookie(
    request.headers.get('cookie'),
    context.cookies,
    user ?? '',
  );
  const clear = { 'Set-Cookie': clearResultCookie(context.cookies) };
  // 200 either way: a 404 would be logged as an error in the browser's console.
  const answer: ResultBody = { outcome: outcome ?? null };
  return jsonResponse(200, answer, clear);
}
