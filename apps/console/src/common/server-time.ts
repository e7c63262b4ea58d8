/**
 * The difference between the server's clock and this browser's, estimated from the `Date` header of
 * REST answers (one-second resolution, so only a skew beyond 1.5 s is corrected). Exercise time and
 * deadlines are computed from server timestamps; a wrong PC clock at a command post must not move them.
 */
let offsetMs = 0;

export function noteServerDate(dateHeader: string | null, sentAt: number, receivedAt: number): void {
  if (!dateHeader) return;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return;
  const estimate = server + 500 - (sentAt + receivedAt) / 2;
  offsetMs = Math.abs(estimate) > 1500 ? estimate : 0;
}

/** The server's clock now, in epoch ms. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}
