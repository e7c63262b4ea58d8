import { useEffect, useState } from 'preact/hooks';
import type { CommandPostView, DutyMessage, ExerciseView } from '@excon/contracts';
import { BROADCAST_CHANNEL } from '@excon/domain/vocabulary';
import { DutyMessageList, DutySendBox } from '../common/duty-chat-view';
import { postName } from '../common/post-names';
import { useStore } from '../common/store';
import { CRC_TIME_ZONE, formatTime } from '../common/time';
import { useI18n } from '../i18n/i18n';
import type { DutyChat } from '../socket/duty-chat';

/** Sent by the duty shift (a controller or an administrator), not by a post. */
const fromStaff = (m: DutyMessage) => m.from.role !== 'operator';

/** The duty shift's side of the duty channels of a running exercise: a channel per post and the broadcast one. */
export function DutyPanel({
  chat,
  exercise,
  posts,
  canSend,
  online,
}: {
  chat: DutyChat;
  exercise: ExerciseView;
  /** The posts of the exercise. */
  posts: CommandPostView[];
  canSend: boolean;
  online: boolean;
}) {
  const { t, lang } = useI18n();
  useStore(chat.messages);
  const marked = useStore(chat.marked);
  // What was said before this page opened: the record, merged with what the socket brings (by seq, once each).
  useEffect(() => chat.loadRecord(exercise.id), [chat, exercise.id]);
  const [selected, setSelected] = useState<string>(posts[0]?.id ?? BROADCAST_CHANNEL);
  const all = chat.list(exercise.id);
  const codeOf = new Map(posts.map((p) => [p.id, p.code]));
  const channels = [
    ...posts.map((p) => ({ id: p.id, label: `${p.code} · ${postName(p, lang)}` })),
    { id: BROADCAST_CHANNEL, label: t('dutyChat.allPosts') },
  ];
  const channel = channels.some((c) => c.id === selected) ? selected : channels[0].id;
  const unread = (id: string) => all.filter((m) => m.channel === id && !fromStaff(m) && !marked.has(m.id)).length;
  const { status } = exercise;
  const blocked = !online ? t('dutyChat.offline') : status === 'running' || status === 'paused' ? null : t('dutyChat.closed');
  const receipt = (m: DutyMessage) => {
    if (!fromStaff(m)) return null;
    const readers = m.readBy.filter((r) => r.reader.role === 'operator');
    if (readers.length === 0) return null;
    return readers
      .map((r) =>
        t('dutyChat.readBy', {
          who: (r.reader.commandPostId && codeOf.get(r.reader.commandPostId)) || r.reader.displayName,
          time: formatTime(r.readAt, CRC_TIME_ZONE, lang),
        }),
      )
      .join('; ');
  };
  return (
    <section class="panel duty-panel" aria-labelledby="duty-panel-heading" data-testid="duty-panel">
      <h2 id="duty-panel-heading">{t('dutyChat.title')}</h2>
      <fieldset class="duty-channels">
        <legend class="visually-hidden">{t('dutyChat.channel')}</legend>
        {channels.map((c) => {
          const count = unread(c.id);
          return (
            <label key={c.id} data-channel={c.id}>
              <input type="radio" name="dutyChannel" value={c.id} checked={c.id === channel} onChange={() => setSelected(c.id)} />
              {c.label}
              {count > 0 && (
                <span class="count" data-testid="duty-unread">
                  <span aria-hidden="true">{count}</span>
                  <span class="visually-hidden">{t('dutyChat.unread', { count })}</span>
                </span>
              )}
            </label>
          );
        })}
      </fieldset>
      <DutyMessageList
        messages={all.filter((m) => m.channel === channel)}
        timeZone={CRC_TIME_ZONE}
        own={fromStaff}
        receipt={receipt}
        onShown={(m) => chat.markRead(m)}
      />
      {canSend && <DutySendBox blocked={blocked} onSend={(text) => chat.send(exercise.id, text, channel)} />}
    </section>
  );
}
