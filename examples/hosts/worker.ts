import { Hono } from 'hono';
import { createConnectHandler, type ConnectHandler } from 'react-connect-flow/server';

// wrangler.jsonc `vars` and secrets (`wrangler secret put CONNECT_SECRET`).
interface Env {
  APP_ORIGIN: string;
  CONNECT_SECRET: string;
  GIGS_API_TOKEN: string;
  GIGS_PROJECT: string;
}

let handler: ConnectHandler | undefined; // one per isolate, built on its first request

function connectHandler(env: Env): ConnectHandler {
  handler ??= createConnectHandler({
    basePath: '/api/connect',
    origin: env.APP_ORIGIN,
    secret: env.CONNECT_SECRET,
    getUser: (request) => auth.userId(request),
    onConnected: (event) =>
      db.connections.save({ user: event.user, provider: event.provider, id: event.sessionId }),
    gigs: {
      apiToken: env.GIGS_API_TOKEN,
      project: env.GIGS_PROJECT,
      intent: { type: 'viewSubscriptions' },
    },
  });
  return handler;
}

const app = new Hono<{ Bindings: Env }>();
app.all('/api/connect/*', (context) => connectHandler(context.env)(context.req.raw));

export default app;
