import { describe, expect, it } from 'vitest';
import { send, type NodeResponse } from '../../../src/server/http/nodeResponse';
import { jsonResponse } from '../../../src/server/http/responses';

/** A `ServerResponse` stand-in that records what was written; `write` answers `accept`. */
function fakeResponse(accept = true) {
  const headers = new Map<string, string | string[]>();
  const writes: string[] = [];
  const drains: (() => void)[] = [];
  const state = { ended: false, body: '' };
  const response: NodeResponse = {
    statusCode: 200,
    setHeader: (name, value) => headers.set(name.toLowerCase(), value),
    removeHeader: (name) => headers.delete(name.toLowerCase()),
    write: (chunk) => {
      writes.push(new TextDecoder().decode(chunk));
      return accept;
    },
    end: (body) => {
      state.ended = true;
      if (body) state.body = new TextDecoder().decode(body);
    },
    once: (_event, listener) => drains.push(listener),
  };
  return { response, headers, writes, drains, state };
}

const encoder = new TextEncoder();

describe('send', () => {
  it('writes a JSON answer in one piece, with its length, and each cookie apart', async () => {
    const fake = fakeResponse();
    const answer = new Response('{"ok":true}', {
      status: 201,
      headers: [
        ['content-type', 'application/json'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ],
    });
    await send(fake.response, answer);
    expect(fake.response.statusCode).toBe(201);
    expect(fake.writes).toEqual([]);
    expect(fake.state).toEqual({ ended: true, body: '{"ok":true}' });
    expect(fake.headers.get('content-length')).toBe('11');
    expect(fake.headers.get('set-cookie')).toEqual(['a=1', 'b=2']);
  });

  it("writes the handler's own JSON answer from its text, leaving its stream unread", async () => {
    const fake = fakeResponse();
    const answer = jsonResponse(200, { id: 'csn_1', name: 'é' }, [['set-cookie', 'a=1']]);
    await send(fake.response, answer);
    expect(fake.state).toEqual({ ended: true, body: '{"id":"csn_1","name":"é"}' });
    expect(fake.headers.get('content-length')).toBe('26');
    expect(fake.headers.get('content-type')).toBe('application/json');
    expect(answer.bodyUsed).toBe(false);
  });

  it('reads a JSON answer whose stream was read or taken like any other answer', async () => {
    const read = jsonResponse(200, { ok: true });
    await read.text();
    await expect(send(fakeResponse().response, read)).rejects.toThrow(TypeError);
    const taken = jsonResponse(200, { ok: true });
    taken.body?.getReader();
    await expect(send(fakeResponse().response, taken)).rejects.toThrow(TypeError);
  });

  it('writes an event stream chunk by chunk, and ends with it', async () => {
    const fake = fakeResponse();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('retry: 5000\n\n'));
        controller.enqueue(encoder.encode(': ping\n\n'));
        controller.close();
      },
    });
    await send(
      fake.response,
      new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    );
    expect(fake.writes).toEqual(['retry: 5000\n\n', ': ping\n\n']);
    expect(fake.headers.has('content-length')).toBe(false);
    expect(fake.state.ended).toBe(true);
  });

  it('waits for drain when a write is held in memory; cancels the body when the client goes', async () => {
    const fake = fakeResponse(false);
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('data: x\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const gone = new AbortController();
    const sent = send(
      fake.response,
      new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
      gone.signal,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    // One write, then a wait for `drain`: nothing piles up.
    expect(fake.writes.length).toBe(1);
    fake.drains[0]!();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.writes.length).toBe(2);
    gone.abort();
    await sent;
    expect(cancelled).toBe(true);
    expect(fake.state.ended).toBe(true);
  });

  it('a header value Node refuses leaves no header of the answer behind', async () => {
    const fake = fakeResponse();
    fake.response.setHeader = (name, value) => {
      if (name === 'x-bad') throw new TypeError('invalid header');
      fake.headers.set(name, value);
    };
    const answer = new Response('x', { headers: { 'x-good': '1', 'x-bad': '2' } });
    // Thrown before anything is written: nodeListener's catch answers a bare 500.
    expect(() => send(fake.response, answer)).toThrow('invalid header');
    expect([...fake.headers.keys()]).toEqual([]);
  });
});
