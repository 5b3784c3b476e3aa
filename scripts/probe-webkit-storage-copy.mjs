// Probe (WebKit, by hand): does a popup get the opener's sessionStorage item written just before
// window.open? `node scripts/probe-webkit-storage-copy.mjs [runs] [now,later,keep]`: the
// opener removes the item at once (now), a second later (later) or never (keep); prints how
// often the popup found it missing (docs/browsers.md, the intermittent WebKit failure).
import http from 'node:http';
import { launchWebKit } from '../test/e2e/engines/webkit.mjs';
import { until } from '../test/e2e/engines/tab.mjs';

const runs = Number(process.argv[2] ?? 40);
const modes = (process.argv[3] ?? 'now,keep').split(',');
const opener = `<!doctype html><button id=go>go</button><script>
document.getElementById('go').onclick = () => {
  const mode = document.body.dataset.mode, n = document.body.dataset.n;
  sessionStorage.setItem('flow', 'ctx' + n);
  const w = window.open('/popup?' + n, '_blank', 'popup,width=400,height=300');
  if (mode === 'now') sessionStorage.removeItem('flow');
  if (mode === 'later') setTimeout(() => sessionStorage.removeItem('flow'), 1000);
};</script>`;
const popup = `<!doctype html><p id=seen></p><script>
document.getElementById('seen').textContent = sessionStorage.getItem('flow') ?? 'missing';</script>`;
const server = http
  .createServer((req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(req.url.startsWith('/popup') ? popup : opener);
  })
  .listen(0, '127.0.0.1');
await new Promise((r) => server.on('listening', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const engine = await launchWebKit();
const session = await engine.newSession();
const tab = session.tab;
await tab.goto(origin + '/');
const results = {};
for (const mode of modes) {
  results[mode] = { missing: 0, seen: 0 };
  for (let n = 0; n < runs; n++) {
    await tab.evaluate(
      ([m, i]) => {
        document.body.dataset.mode = m;
        document.body.dataset.n = i;
        sessionStorage.clear();
      },
      [mode, n],
    );
    const w = await tab.waitForPopup(() => tab.clickElement('#go'));
    const seen = await until(() => w.text('#seen'), 'popup text');
    if (seen === 'missing') results[mode].missing++;
    else results[mode].seen++;
    await w.close();
    await tab.focus();
  }
  console.log(mode, JSON.stringify(results[mode]));
}
await session.close();
await engine.close();
server.close();
