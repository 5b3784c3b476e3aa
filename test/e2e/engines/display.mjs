// A display for browsers with no headless mode (WebKitGTK's MiniBrowser): the session's own
// DISPLAY, else an Xvfb this process starts on a free display number and stops at the end.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { until } from './tab.mjs';

export async function startDisplay() {
  if (process.env.DISPLAY) return { display: process.env.DISPLAY, stop: async () => {} };
  let number = 90 + Math.floor(Math.random() * 400);
  while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) {
    number += 1;
  }
  const xvfb = spawn('Xvfb', [`:${number}`, '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  const stop = () => xvfb.kill();
  process.on('exit', stop);
  await until(() => existsSync(`/tmp/.X11-unix/X${number}`), 'Xvfb to start', 10_000);
  return {
    display: `:${number}`,
    stop: async () => {
      process.off('exit', stop);
      stop();
    },
  };
}
