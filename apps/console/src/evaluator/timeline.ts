import type { DeliveryView, DutyMessage, ExerciseInjectView } from '@excon/contracts';

export type TimelineKind = 'fired' | 'delivered' | 'acknowledged' | 'responded' | 'overdue' | 'message';

export interface TimelineEvent {
  key: string;
  at: string;
  kind: TimelineKind;
  inject: ExerciseInjectView | undefined;
  injectId: string;
  commandPostId: string | null;
  text: string | null;
  /** A duty message: who sent it (and the shift on duty), and whether it went to every post. */
  message?: { from: string; broadcast: boolean };
}

/**
 * Injects fired, what each post did with them, and the duty messages, in time order (equal times: the order
 * things happen). A broadcast message belongs to no one post (commandPostId null), like a firing.
 */
export function buildTimeline(injects: ExerciseInjectView[], deliveries: DeliveryView[], messages: readonly DutyMessage[] = []): TimelineEvent[] {
  const byId = new Map(injects.map((i) => [i.id, i]));
  const events: TimelineEvent[] = [];
  for (const inject of injects) {
    if (inject.firedAt)
      events.push({ key: `f-${inject.id}`, at: inject.firedAt, kind: 'fired', inject, injectId: inject.id, commandPostId: null, text: null });
  }
  for (const d of deliveries) {
    const base = { inject: byId.get(d.injectId), injectId: d.injectId, commandPostId: d.commandPostId };
    if (d.deliveredAt) events.push({ ...base, key: `d-${d.id}`, at: d.deliveredAt, kind: 'delivered', text: null });
    if (d.overdueAt) events.push({ ...base, key: `o-${d.id}`, at: d.overdueAt, kind: 'overdue', text: null });
    if (d.acknowledgedAt) events.push({ ...base, key: `a-${d.id}`, at: d.acknowledgedAt, kind: 'acknowledged', text: null });
    if (d.respondedAt) events.push({ ...base, key: `r-${d.id}`, at: d.respondedAt, kind: 'responded', text: d.response });
  }
  for (const m of messages) {
    const broadcast = m.channel === 'broadcast';
    events.push({
      key: `m-${m.id}`,
      at: m.sentAt,
      kind: 'message',
      inject: undefined,
      injectId: '',
      commandPostId: broadcast ? null : m.channel,
      text: m.text,
      message: { from: m.from.dutyShift ? `${m.from.displayName} (${m.from.dutyShift.code})` : m.from.displayName, broadcast },
    });
  }
  const order: Record<TimelineKind, number> = { fired: 0, delivered: 1, overdue: 2, acknowledged: 3, responded: 4, message: 5 };
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || order[a.kind] - order[b.kind]);
}

export interface PostSummary {
  commandPostId: string;
  deliveries: number;
  acknowledged: number;
  responded: number;
  overdue: number;
  /** Median seconds from firing to acknowledgement. */
  medianAckSeconds: number | null;
}

export function summarisePosts(deliveries: DeliveryView[]): PostSummary[] {
  const byPost = new Map<string, DeliveryView[]>();
  for (const d of deliveries) byPost.set(d.commandPostId, [...(byPost.get(d.commandPostId) ?? []), d]);
  return [...byPost.entries()].map(([commandPostId, list]) => {
    const ackTimes = list
      .filter((d) => d.acknowledgedAt)
      .map((d) => (Date.parse(d.acknowledgedAt ?? '') - Date.parse(d.firedAt)) / 1000)
      .sort((a, b) => a - b);
    const mid = ackTimes.length >> 1;
    return {
      commandPostId,
      deliveries: list.length,
      acknowledged: list.filter((d) => d.acknowledgedAt).length,
      responded: list.filter((d) => d.respondedAt).length,
      overdue: list.filter((d) => d.overdueAt).length,
      medianAckSeconds: ackTimes.length ? Math.round(ackTimes.length % 2 ? ackTimes[mid] : (ackTimes[mid - 1] + ackTimes[mid]) / 2) : null,
    };
  });
}
