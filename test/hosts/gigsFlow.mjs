// The browser's part of one Gigs flow against an app at `app`, with real requests and no
// browser: the launch (same-origin POST), the mock's hosted page answering at once
// (`auto=success&autoRedirect=1`), the callback, and the verified result. A small cookie jar
// carries the flow cookies, as a browser would.

/** Runs the flow; returns the verified outcome and where the callback sent the browser. */
export async function gigsFlow(app) {
  const jar = new Map();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const take = (response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  const launch = take(
    await fetch(`${app}/api/connect/launch/gigs`, {
      method: 'POST',
      headers: { origin: app, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'a-random-state-of-22-chars-or-more' }),
    }),
  );
  expectEqual(launch.status, 200, 'launch status');
  const { url } = await launch.json();
  const hosted = await fetch(`${url}&auto=success&autoRedirect=1`, { redirect: 'manual' });
  const callback = hosted.headers.get('location') ?? '';
  if (!callback.startsWith(`${app}/api/connect/callback/gigs?`)) {
    throw new Error(`the hosted page sent the browser to ${callback || 'nowhere'}`);
  }
  const back = take(await fetch(callback, { headers: { cookie: cookie() }, redirect: 'manual' }));
  expectEqual(back.status, 303, 'callback status');
  const page = new URL(back.headers.get('location') ?? '', app).href;
  const result = await fetch(`${app}/api/connect/result`, { headers: { cookie: cookie() } });
  const { outcome } = await result.json();
  return { outcome, page, cookie: cookie() };
}

export function expectEqual(actual, expected, what) {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}
