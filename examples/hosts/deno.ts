import { handler } from './connect';

Deno.serve((request) => handler(request));
