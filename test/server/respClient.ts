import { createConnection, type Socket } from 'node:net';

/**
 * A minimal Redis client over RESP, for tests only (the package takes no Redis dependency):
 * one command at a time, replies read as strings, integers or null.
 */
export class RespClient {
  #socket: Socket;
  #buffer = '';
  #waiting: ((reply: string | number | null) => void)[] = [];

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.#buffer += chunk;
      this.#drain();
    });
  }

  static connect(port: number): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () =>
        resolve(new RespClient(socket)),
      );
      socket.once('error', reject);
    });
  }

  #drain() {
    while (this.#buffer.includes('\r\n') && this.#waiting.length) {
      const end = this.#buffer.indexOf('\r\n');
      const line = this.#buffer.slice(0, end);
      const kind = line[0];
      let reply: string | number | null;
      let consumed = end + 2;
      if (kind === '$') {
        const length = Number(line.slice(1));
        if (length < 0) reply = null;
        else {
          if (this.#buffer.length < consumed + length + 2) return;
          reply = this.#buffer.slice(consumed, consumed + length);
          consumed += length + 2;
        }
      } else if (kind === ':') reply = Number(line.slice(1));
      else if (kind === '-') throw new Error(line);
      else reply = line.slice(1);
      this.#buffer = this.#buffer.slice(consumed);
      this.#waiting.shift()?.(reply);
    }
  }

  command(...args: (string | number)[]): Promise<string | number | null> {
    const parts = args.map(String);
    const payload = `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#socket.write(payload);
    });
  }

  get = (key: string) => this.command('GET', key) as Promise<string | null>;
  set = (key: string, value: string, ...rest: (string | number | undefined)[]) =>
    this.command('SET', key, value, ...rest.filter((part) => part !== undefined)) as Promise<
      string | null
    >;
  del = (key: string) => this.command('DEL', key) as Promise<number>;

  close() {
    this.#socket.end();
  }
}
