import type { InjectMessage } from '@excon/contracts';
import type { Language } from '@excon/domain/vocabulary';

/** The state an operator sees: unread until opened, then read, acknowledged, answered. */
export type OperatorInjectState = 'unread' | 'read' | 'acknowledged' | 'answered';

export function operatorState(message: InjectMessage, read: boolean): OperatorInjectState {
  if (message.status === 'responded') return 'answered';
  if (message.status === 'acknowledged') return 'acknowledged';
  return read ? 'read' : 'unread';
}

/** Title and body in the operator's language when the scenario carries it. */
export function localText(message: Pick<InjectMessage, 'title' | 'body' | 'translations'>, lang: Language): { title: string; body: string } {
  return message.translations?.[lang] ?? { title: message.title, body: message.body };
}

/** When the acknowledgement is due (server epoch ms, as the server stored it), or null when the inject names no deadline. */
export function ackDeadline(message: InjectMessage): number | null {
  return message.ackDeadlineAt === null ? null : Date.parse(message.ackDeadlineAt);
}
