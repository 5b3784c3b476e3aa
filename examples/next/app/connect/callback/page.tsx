// The callback page, rendered on the server. After a redirect flow the server half's callback
// route has verified the provider's answer and left the outcome in a short-lived signed cookie
// (`rcf_verified`): read here, the final screen is in the HTML (no pending flash), and the client
// hydrates the same markup. A crafted link finds no verified outcome and never shows success.
import { headers } from 'next/headers';
import { readResultCookie } from 'react-connect-flow/server';
import { userFromCookieHeader } from '../../../lib/demoUser';
import { cookieSecret } from '../../../lib/secret';
import { CallbackView } from './CallbackView';

export default async function CallbackPage() {
  const cookieHeader = (await headers()).get('cookie');
  const user = userFromCookieHeader(cookieHeader);
  const verified = user
    ? await readResultCookie(cookieHeader, { secret: cookieSecret }, user)
    : undefined;
  return <CallbackView verified={verified} />;
}
