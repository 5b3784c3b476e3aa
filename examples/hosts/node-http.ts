import { createServer } from 'node:http';
import { nodeListener } from 'react-connect-flow/server';
import { handler, origin } from './connect';

const connect = nodeListener(handler, origin);

export const server = createServer((request, response) => {
  if (request.url?.startsWith('/api/connect/')) return void connect(request, response);
  response.writeHead(404).end(); // the rest of your app
});
server.listen(Number(process.env.PORT ?? 3000));
