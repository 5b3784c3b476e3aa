// The React Router example (examples/react-router, built by scripts/test-hosts.mjs) on Node's
// http server through @react-router/node, as `react-router-serve` runs it, on PORT (loopback),
// after setting what the shared `connect.ts` leaves to the app.
import { createServer } from 'node:http';
import { createRequestListener } from '@react-router/node';
import { installAppGlobals, installEnv } from './appGlobals.mjs';

installEnv();
installAppGlobals(() => process.env.MOCK_GIGS);

const build = await import('../../examples/react-router/build/server/index.js');
createServer(createRequestListener({ build, mode: 'production' })).listen(
  Number(process.env.PORT),
  '127.0.0.1',
);
