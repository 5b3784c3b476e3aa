// The names the docs' snippets leave to the app, declared once so every snippet type-checks.
// scripts/check-docs.mjs copies this file next to the extracted snippets.

/** Your own authentication: the signed-in user's id. */
declare const auth: { userId(request: Request): Promise<string | undefined> };

/** Your database. */
declare const db: {
  connections: {
    save(connection: { user: string; provider: string; id?: string | undefined }): Promise<void>;
    emergeUid(user: string): Promise<string | undefined>;
  };
};

/** Your environment: secrets from your deployment, never from the browser. */
declare const env: Readonly<
  Record<
    | 'APP_ORIGIN'
    | 'CONNECT_SECRET'
    | 'GIGS_API_TOKEN'
    | 'GIGS_PROJECT'
    | 'EMERGE_CLIENT_ID'
    | 'EMERGE_SIGNING_SECRET'
    | 'EMERGE_API_TOKEN'
    | 'ZAPIER_CLIENT_ID'
    | 'ZAPIER_CLIENT_SECRET',
    string
  >
>;

/** Your user's Zapier access token: what your handler's `zapier.subjectToken` returns. */
declare function zapierAccessToken(user: string): Promise<string>;

/** Your logger. */
declare const logger: { error(entry: object): void };

/** The testing guide's started mock, Playwright page and app origin. */
declare const mock: import('react-connect-flow/testing').MockProviders;
declare const page: import('playwright-core').Page;
declare const appOrigin: string;

/** Deno's and Bun's servers, as far as the one-line recipes use them. */
declare const Deno: {
  serve(handler: (request: Request) => Response | Promise<Response>): unknown;
};
declare const Bun: {
  serve(options: { fetch: (request: Request) => Response | Promise<Response> }): unknown;
};

/** Stylesheets, as a bundler imports them. */
declare module '*.css';

/** What the browser guide's examples call in the app. */
declare function refresh(id?: string): void;
declare function post(path: string, body: object): Promise<{ url: string }>;
declare function saveOnServer(uid: string): void;
declare const analytics: { track(name: string, properties: object): void };
declare function getAcmeUrl(): Promise<{ url: string }>;
declare const request: Request;
declare const expectedState: string;
