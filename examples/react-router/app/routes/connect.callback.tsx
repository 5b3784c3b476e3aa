import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { ConnectCallbackPage } from 'react-connect-flow';
import { handler } from '../connect.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const { searchParams } = new URL(request.url);
  return { verified: await handler.readResult({ headers: request.headers, searchParams }) };
}

export default function ConnectCallback() {
  const { verified } = useLoaderData<typeof loader>();
  return <ConnectCallbackPage verified={verified ?? undefined} basePath="/api/connect" />;
}
