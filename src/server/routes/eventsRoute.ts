import { UserEventStream } from '../events/eventStream';
import type { HandlerContext } from '../handlerContext';
import { problem } from '../http/responses';

export interface EventsRouteOptions {
  /** ms between heartbeat comments (and uid lookups while there is none). Defaults to 15 000. */
  heartbeatMs?: number | undefined;
  /** ms the first subscription may take before the stream answers anyway. Defaults to 2 500. */
  subscribeBudgetMs?: number | undefined;
}

/** A proxy that cuts a quiet connection after 30 s or more sees bytes at least this often. */
const defaultHeartbeatMs = 15_000;
const defaultSubscribeBudgetMs = 2_500;

export const eventStreamHeaders = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  // nginx buffers responses unless told not to.
  'X-Accel-Buffering': 'no',
};

/**
 * `GET {basePath}/events`: Server-Sent Events for the signed-in user (401 without one): the
 * `export` and `consent` events of Emerge's webhooks, each with an opaque `id`, a `retry`
 * hint, and a comment heartbeat. The first bytes come once the user's channel is subscribed
 * (or 2.5 s have passed): from then on no event is missed. A user with no uid yet is looked up
 * again at each heartbeat. Nothing sent, and no channel name, carries the uid.
 */
export function eventsRoute(options: EventsRouteOptions = {}) {
  const heartbeatMs = options.heartbeatMs ?? defaultHeartbeatMs;
  const budgetMs = options.subscribeBudgetMs ?? defaultSubscribeBudgetMs;
  return async (request: Request, context: HandlerContext): Promise<Response> => {
    const user = await context.config.getUser(request);
    if (!user) return problem(401, 'unauthenticated');
    const stream = new UserEventStream(
      {
        findUid: () => context.config.getEmergeUid?.(user),
        channelOf: (uid) => context.userChannel(uid),
        events: context.events(),
        report: (thrown) =>
          context.report(thrown, {
            route: 'events',
            provider: 'emerge',
            status: 200,
            code: 'events_unavailable',
          }),
        heartbeatMs,
      },
      request.signal,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const budget = new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)));
    await Promise.race([stream.subscribe(), budget]);
    stream.answered();
    clearTimeout(timer);
    return new Response(stream.body, { status: 200, headers: eventStreamHeaders });
  };
}
