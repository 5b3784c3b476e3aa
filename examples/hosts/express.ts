import express from 'express';
import { nodeListener } from 'react-connect-flow/server';
import { handler, origin } from './connect';

const app = express();
app.use(nodeListener(handler, origin)); // /api/connect/*; other paths go on
// The Vite build; any other path is the single-page app (its /connect/callback route too).
app.use(express.static('dist'));
app.get('/{*path}', (_request, response) => response.sendFile('index.html', { root: 'dist' }));

export const server = app.listen(Number(process.env.PORT ?? 3000));
