import { route, type RouteConfig } from '@react-router/dev/routes';

export default [
  route('api/connect/*', 'routes/api.connect.$.ts'),
  route('connect/callback', 'routes/connect.callback.tsx'),
] satisfies RouteConfig;
