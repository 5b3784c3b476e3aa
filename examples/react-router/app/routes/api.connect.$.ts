import type { ActionFunctionArgs, LoaderFunctionArgs } from 'react-router';
import { handler } from '../connect.server';

export const loader = ({ request }: LoaderFunctionArgs) => handler(request);
export const action = ({ request }: ActionFunctionArgs) => handler(request);
