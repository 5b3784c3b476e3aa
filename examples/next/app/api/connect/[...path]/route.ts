import { connectHandler } from '../../../../lib/connect';

// `react-connect-flow/server`'s one fetch handler: launch, callback, result, Zapier
// confirmation and export status, under /api/connect/*.
export const GET = connectHandler;
export const POST = connectHandler;
