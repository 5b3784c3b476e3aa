// A host's server as a child process, for scripts/test-hosts.mjs: started in its own process
// group, its output collected, waited for until it serves, and stopped.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a host's server; its output is collected line by line. */
export function start({ command, args, cwd, env = {} }, base) {
  const output = { stdout: '', stderr: '', exited: undefined };
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...base, ...env },
    detached: true, // its own process group: wrangler's workerd ends with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  child.on('exit', (code, signal) => (output.exited = signal ?? code));
  const stop = async () => {
    if (output.exited !== undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  return { output, stop };
}

/** Waits until the app answers its result route (90 s: wrangler's first start is slow). */
export async function untilServing(app, output) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (output.exited !== undefined) {
      throw new Error(`the server exited (${output.exited}):\n${output.stderr}${output.stdout}`);
    }
    const response = await fetch(`${app}/api/connect/result`).catch(() => undefined);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer within 90 s:\n${output.stderr}${output.stdout}`);
}

/** Waits until `condition()` holds, or `timeout` ms have passed. */
export async function until(condition, timeout) {
  const deadline = Date.now() + timeout;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
