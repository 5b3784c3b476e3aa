// The worker wrangler runs in scripts/test-hosts.mjs: the docs' Hono worker
// (examples/hosts/worker.ts), as printed, behind what it leaves to the app (appGlobals.mjs).
// Its env bindings are wrangler's `--var`s; MOCK_GIGS is the mock's address.
import worker from '../../examples/hosts/worker.ts';
import { installAppGlobals } from './appGlobals.mjs';

let mockGigs = '';
installAppGlobals(() => mockGigs);

export default {
  fetch(request, env, context) {
    mockGigs = env.MOCK_GIGS;
    return worker.fetch(request, env, context);
  },
};
