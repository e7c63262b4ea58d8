import { useEffect, useState } from 'preact/hooks';
import type { Store } from './store';

/**
 * Calls `flush` once per animation frame however often `request` is called in between: the many socket events of
 * a busy exercise become one state change and one render a frame. A hidden page gets no frames: a timer stands in.
 */
export function frameScheduler(flush: () => void): { request(): void; cancel(): void } {
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    cancel();
    flush();
  };
  const cancel = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = timer = null;
  };
  return {
    request() {
      if (frame !== null || timer !== null) return;
      frame = requestAnimationFrame(run);
      timer = setTimeout(run, 250);
    },
    cancel,
  };
}

/** `useStore`, batched: the component renders at most once an animation frame, with the store's latest value. */
export function useFrameStore<T>(store: Store<T>): T {
  const [value, setValue] = useState(store.get());
  useEffect(() => {
    const scheduler = frameScheduler(() => setValue(() => store.get()));
    setValue(() => store.get());
    const stop = store.subscribe(() => scheduler.request());
    return () => {
      stop();
      scheduler.cancel();
    };
  }, [store]);
  return value;
}
