import { describe, expect, it } from 'vitest';
import { parseData, StreamState, type StreamSignal } from '../../../src/core/export/streamState';

describe('parseData', () => {
  it.each([
    ['{"status":"ready","sources":[1]}', { status: 'ready', sources: [1] }],
    ['[1,2]', [1, 2]],
    ['"text"', 'text'],
    ['42', 42],
    ['true', true],
    ['null', null],
    [' {"a":1} \n', { a: 1 }],
  ])('reads the JSON %j', (data, value) => {
    expect(parseData(data)).toEqual(value);
  });

  it.each([
    ['text that is not JSON', 'ready'],
    ['an empty event', ''],
    ['broken JSON', '{"a":'],
    ['JSON with trailing text', '{"a":1} x'],
    ['a JavaScript literal', "{a: 'b'}"],
    ['NaN', 'NaN'],
  ])('is undefined for %s', (_name, data) => {
    expect(parseData(data)).toBeUndefined();
  });

  it.each([undefined, null, 42, { a: 1 }, new ArrayBuffer(2)])(
    'is undefined for data that is no string: %j',
    (data) => {
      expect(parseData(data)).toBeUndefined();
    },
  );

  it('keeps a `__proto__` key as data: nothing else gains it', () => {
    const value = parseData('{"__proto__":{"polluted":true}}') as object;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('StreamState', () => {
  function watched(state: StreamState, heard: string[], name: string) {
    const watcher = { hear: (signal: StreamSignal) => heard.push(`${name}:${signal.type}`) };
    state.watchers.add(watcher);
    return watcher;
  }

  it('starts closed, with no source, failures, timers, watchers or waiters', () => {
    const state = new StreamState('/api/connect/events', 60_000);
    expect(state).toMatchObject({
      url: '/api/connect/events',
      retryDelay: 60_000,
      source: undefined,
      open: false,
      failures: 0,
      fallback: false,
      retryTimer: undefined,
      openTimer: undefined,
    });
    expect(state.watchers.size).toBe(0);
    expect(state.waiters.size).toBe(0);
  });

  it('emits a signal to every watcher, in the order they came', () => {
    const state = new StreamState('/events', 1);
    const heard: string[] = [];
    watched(state, heard, 'a');
    watched(state, heard, 'b');
    state.emit({ type: 'event', name: 'export', data: { status: 'ready' } });
    state.emit({ type: 'error' });
    expect(heard).toEqual(['a:event', 'b:event', 'a:error', 'b:error']);
  });

  it('emits to the watchers of the moment: one leaving or joining while it runs changes the next', () => {
    const state = new StreamState('/events', 1);
    const heard: string[] = [];
    const second = { hear: (signal: StreamSignal) => heard.push(`b:${signal.type}`) };
    state.watchers.add({
      hear: (signal) => {
        heard.push(`a:${signal.type}`);
        state.watchers.delete(second);
        watched(state, heard, 'late');
      },
    });
    state.watchers.add(second);
    state.emit({ type: 'open' });
    expect(heard).toEqual(['a:open', 'b:open']);
    heard.length = 0;
    state.emit({ type: 'error' });
    expect(heard).toEqual(['a:error', 'late:error']);
  });

  it('emits to nobody without watchers', () => {
    expect(() => new StreamState('/events', 1).emit({ type: 'open' })).not.toThrow();
  });

  it('releases the waiters of the moment, one another removes while it runs included', () => {
    const state = new StreamState('/events', 1);
    const released: string[] = [];
    const second = () => released.push('second');
    state.waiters.add(() => {
      released.push('first');
      state.waiters.delete(second);
      state.waiters.add(() => released.push('late'));
    });
    state.waiters.add(second);
    state.release();
    expect(released).toEqual(['first', 'second']);
  });
});
