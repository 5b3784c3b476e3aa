import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { handler } from './connect';

const app = new Hono();
app.all('/api/connect/*', (context) => handler(context.req.raw));

export const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) });
