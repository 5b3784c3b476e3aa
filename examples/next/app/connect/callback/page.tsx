// The callback page, rendered on the server. After a redirect flow the server half's callback
// route has verified the provider's answer and left the outcome in a short-lived signed cookie
// of its flow, which the page's `rcf_result` marker names: read here with the handler's own
// `getUser` and secret, the final screen is in the HTML (no pending flash), and the client
// hydrates the same markup. A crafted link finds no verified outcome and never shows success.
import { headers } from 'next/headers';
import { getConnectHandler } from '../../../lib/connect';
import { CallbackView } from './CallbackView';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CallbackPage({ searchParams }: { searchParams: SearchParams }) {
  // The request first: it makes the page dynamic, so `next build` never prerenders it (and
  // never creates the handler, whose providers' origin is known only when the server starts).
  const request = { headers: await headers(), searchParams: await searchParams };
  const verified = await getConnectHandler().readResult(request);
  return <CallbackView verified={verified ?? undefined} />;
}
