/**
 * Signs the flow and result cookies: the handler and the callback page must share it. Server
 * code only (never import this from a 'use client' module). `scripts/test-next.mjs` passes a
 * random one; the fallback is for trying the example against the mocks.
 */
export const cookieSecret =
  process.env.CONNECT_COOKIE_SECRET ?? 'example-only-secret-change-me-0123456789abcdef';
