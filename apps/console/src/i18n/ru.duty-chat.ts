import type { dutyChatEn } from './en.duty-chat';

/** Русские строки дежурных каналов (дежурная смена ЦКР ↔ пост, циркуляр); ключи те же, что в en.duty-chat.ts. */
export const dutyChatRu: Record<keyof typeof dutyChatEn, string> = {
  'dutyChat.title': 'Дежурный канал',
  'dutyChat.channel': 'Канал',
  'dutyChat.allPosts': 'Все посты (циркуляр)',
  'dutyChat.broadcast': 'циркуляр',
  'dutyChat.messages': 'Сообщения канала',
  'dutyChat.empty': 'Сообщений пока нет.',
  'dutyChat.message': 'Сообщение',
  'dutyChat.hint': 'Enter — отправить, Shift+Enter — новая строка.',
  'dutyChat.send': 'Отправить',
  'dutyChat.sending': 'Отправка…',
  'dutyChat.required': 'Введите сообщение.',
  'dutyChat.sendFailed': 'Не отправлено: {reason}',
  'dutyChat.offline': 'Нет связи: отправить можно после восстановления соединения.',
  'dutyChat.closed': 'Сообщения отправляются, пока учение идёт или приостановлено.',
  'dutyChat.shift': 'смена {code}',
  'dutyChat.read': 'прочитано',
  'dutyChat.readBy': 'прочитано: {who} {time}',
  'dutyChat.unread': 'непрочитанных: {count}',
  'dutyChat.newMessage': 'Новое сообщение дежурного канала от {who}',
};
