import { useEffect, useState } from 'preact/hooks';
import { serverNow } from './server-time';

const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

function tick(): void {
  const now = serverNow();
  for (const listener of [...listeners]) listener(now);
  // Re-align to the next second boundary so that every clock on the page turns together.
  timer = setTimeout(tick, 1000 - (now % 1000) + 5);
}

/** The server's time now, re-rendering once a second (one timer for the whole page). */
export function useNow(): number {
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    listeners.add(setNow);
    if (listeners.size === 1) tick();
    return () => {
      listeners.delete(setNow);
      if (!listeners.size) clearTimeout(timer);
    };
  }, []);
  return now;
}
