import { createConnectHandler } from 'react-connect-flow/server';

// The address users browse: providers send them back here, and launches must come from it.
export const origin = env.APP_ORIGIN;

export const handler = createConnectHandler({
  basePath: '/api/connect',
  origin,
  secret: env.CONNECT_SECRET, // 32+ characters; a list rotates
  getUser: (request) => auth.userId(request), // your own sign-in
  onConnected: (event) =>
    db.connections.save({ user: event.user, provider: event.provider, id: event.sessionId }),
  gigs: {
    apiToken: env.GIGS_API_TOKEN,
    project: env.GIGS_PROJECT,
    intent: { type: 'viewSubscriptions' },
  },
});
