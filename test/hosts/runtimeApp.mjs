// Runs one of the docs' one-line recipes (examples/hosts/deno.ts or bun.ts, named by RECIPE) in
// Deno or Bun, as printed, after setting what the shared `connect.ts` leaves to the app.
// Deno.serve gets the test's PORT and loopback: the recipe leaves them to Deno's defaults (port
// 8000 on every interface). Bun.serve reads PORT itself.
import { installAppGlobals, installEnv } from './appGlobals.mjs';

installEnv();
installAppGlobals(() => process.env.MOCK_GIGS);

const deno = globalThis.Deno;
if (deno) {
  const serve = deno.serve.bind(deno);
  const listen = { port: Number(process.env.PORT), hostname: '127.0.0.1', onListen() {} };
  Object.defineProperty(deno, 'serve', { value: (handler) => serve(listen, handler) });
}

await import(`../../examples/hosts/${process.env.RECIPE}.ts`);
