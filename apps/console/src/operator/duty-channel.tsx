import type { DutyMessage } from '@excon/contracts';
import { BROADCAST_CHANNEL } from '@excon/domain/vocabulary';
import { DutyMessageList, DutySendBox } from '../common/duty-chat-view';
import { useStore } from '../common/store';
import { CRC_TIME_ZONE } from '../common/time';
import { useI18n } from '../i18n/i18n';
import type { DutyChat } from '../socket/duty-chat';
import type { OperatorExercise } from './operator-feed';

/** The post's duty channel with the CRC duty shift, and the broadcast messages, of the exercise it plays. */
export function DutyChannel({
  chat,
  exercise,
  commandPostId,
  timeZone,
  online,
}: {
  chat: DutyChat;
  exercise: OperatorExercise;
  commandPostId: string;
  timeZone?: string;
  online: boolean;
}) {
  const { t } = useI18n();
  useStore(chat.messages);
  const messages = chat.list(exercise.id).filter((m) => m.channel === commandPostId || m.channel === BROADCAST_CHANNEL);
  const own = (m: DutyMessage) => m.from.role === 'operator' && m.from.commandPostId === commandPostId;
  const { status } = exercise.reading;
  const blocked = !online ? t('dutyChat.offline') : status === 'running' || status === 'paused' ? null : t('dutyChat.closed');
  return (
    <section class="panel duty-panel" aria-labelledby="duty-chat-heading" data-testid="duty-channel">
      <h2 id="duty-chat-heading">{t('dutyChat.title')}</h2>
      <DutyMessageList
        messages={messages}
        timeZone={timeZone ?? CRC_TIME_ZONE}
        own={own}
        receipt={(m) => (own(m) && m.readBy.some((r) => r.reader.role !== 'operator') ? t('dutyChat.read') : null)}
        onShown={(m) => chat.markRead(m)}
      />
      <DutySendBox blocked={blocked} onSend={(text) => chat.send(exercise.id, text)} />
    </section>
  );
}
