import { handler } from './connect.ts';

Deno.serve((request) => handler(request));
