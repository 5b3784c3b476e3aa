'use client';
import { useEffect, useRef } from 'react';
import { sharedEventStreams, type StreamSignal } from '../core/export/eventStreams';

/**
 * Watches the page's shared stream at `url` (none when `undefined`): hands each signal to
 * `hear`, and tells `onFallback` whether the stream has stood down (so polling should run),
 * once on watching and after each signal. The latest callbacks are used.
 */
export function useEventStream(
  url: string | undefined,
  hear: (signal: StreamSignal) => void,
  onFallback?: (fallback: boolean) => void,
): void {
  const latest = useRef({ hear, onFallback });
  useEffect(() => {
    latest.current = { hear, onFallback };
  });
  useEffect(() => {
    if (!url) return;
    const streams = sharedEventStreams();
    const stop = streams.watch(url, (signal) => {
      latest.current.onFallback?.(streams.isFallback(url));
      latest.current.hear(signal);
    });
    latest.current.onFallback?.(streams.isFallback(url));
    return stop;
  }, [url]);
}
