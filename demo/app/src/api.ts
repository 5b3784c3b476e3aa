import { emerge, gigs, zapier } from 'react-connect-flow';

/** Where the demo backend mounts `react-connect-flow/server`'s handler. */
export const basePath = '/api/connect';

export const adapters = { gigs, emerge, zapier };

/** What each provider's launch asks the server for, besides the flow itself. */
export const launchParams: Record<keyof typeof adapters, Record<string, string>> = {
  gigs: {},
  emerge: {},
  zapier: { app: 'SlackAPI' },
};
