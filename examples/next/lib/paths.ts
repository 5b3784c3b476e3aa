/** Where `createConnectHandler` is mounted (`app/api/connect/[...path]/route.ts`). */
export const basePath = '/api/connect';
/** The app's callback page (the handler's default `callbackPage`). */
export const callbackPath = '/connect/callback';
