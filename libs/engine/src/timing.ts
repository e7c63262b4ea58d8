/** Resolves at `epochMs` (at once if it has passed). Timers are precise to about a millisecond on an idle loop. */
export function sleepUntil(epochMs: number): Promise<void> {
  const wait = epochMs - Date.now();
  if (wait <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, wait));
}
