import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Handler processes for the multi-process tests: a host file bundled from the sources, run
// with `node`, reporting on stdout one line per event.

const root = fileURLToPath(new URL('../../../', import.meta.url));
// Under node_modules, so the host's `ioredis` and `redis` imports resolve.
const cache = path.join(root, 'node_modules/.cache/rcf-fault-tests');

/** Bundles `test/server/faults/<name>.ts` to a file of its own: its path, and its removal. */
export async function buildHost(name: string) {
  mkdirSync(cache, { recursive: true });
  const file = path.join(cache, `${name}-${randomUUID()}.mjs`);
  await build({
    entryPoints: [path.join(root, `test/server/faults/${name}.ts`)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return { file, remove: () => rmSync(file, { force: true }) };
}

/** One handler process: its stdout lines, its port. Every wait is bounded. */
export class Host {
  readonly lines: string[] = [];
  port = 0;
  readonly #child: ChildProcess;
  #listeners: (() => void)[] = [];

  constructor(hostFile: string, env: Record<string, string>) {
    this.#child = spawn(process.execPath, [hostFile], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    this.#child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const listener of this.#listeners) listener();
    });
  }

  /** Resolves with the first line matching, or rejects after `timeoutMs`. */
  line(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.find((each) => pattern.test(each));
        if (!found) return;
        clearTimeout(timer);
        this.#listeners = this.#listeners.filter((each) => each !== check);
        resolve(found);
      };
      const timer = setTimeout(
        () => reject(new Error(`no line ${pattern} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#listeners.push(check);
      check();
    });
  }

  async ready(): Promise<this> {
    this.port = Number((await this.line(/^listening \d+/)).split(' ')[1]);
    return this;
  }

  count(pattern: RegExp): number {
    return this.lines.filter((each) => pattern.test(each)).length;
  }

  /** Kills it with `signal` and waits for its exit (10 s at most). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.kill(signal);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
}
