import { handler } from './connect';

Bun.serve({ fetch: handler });
