import { useEffect, useState } from 'preact/hooks';
import type { DutyHandoverView, DutyOnDutyView, DutyRosterEntryView, DutyShiftView } from '@excon/contracts';
import type { Role } from '@excon/domain/vocabulary';
import { dutyApi } from '../api/duty-api';
import { Layout } from '../common/layout';
import { staffNav } from '../common/staff-nav';
import type { Session } from '../common/session';
import { formatTime } from '../common/time';
import { ErrorMessage, Loading } from '../common/ui';
import { useI18n } from '../i18n/i18n';

/** Admins and controllers write the roster and hand over; every staff role reads it. */
const WRITERS: readonly Role[] = ['admin', 'controller'];
/** The CRC keeps Moscow time: the roster is shown in it (with the offset, so nobody misreads it). */
const CRC_TIME_ZONE = 'Europe/Moscow';
const DAY_MS = 86_400_000;

function HandoverCard({
  handover,
  shiftCode,
  canAccept,
  onAccept,
}: {
  handover: DutyHandoverView;
  shiftCode: (id: string | null) => string;
  canAccept: boolean;
  onAccept: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <article class="card" data-testid="duty-handover">
      <p>
        <strong>
          {shiftCode(handover.fromShiftId)} → {shiftCode(handover.toShiftId)}
        </strong>{' '}
        {formatTime(handover.at, CRC_TIME_ZONE, lang, true)}
      </p>
      {handover.note && <p>{handover.note}</p>}
      {handover.openItems.length === 0 ? (
        <p class="empty">{t('duty.noItems')}</p>
      ) : (
        <ul>
          {handover.openItems.map((item, index) => (
            <li key={item.id ?? `note-${index}`}>
              <span class="hint">{t(`duty.item.${item.kind}`)}:</span> {item.text}
            </li>
          ))}
        </ul>
      )}
      {handover.acceptedAt ? (
        <p class="hint">{t('duty.acceptedAt', { time: formatTime(handover.acceptedAt, CRC_TIME_ZONE, lang, true) })}</p>
      ) : canAccept ? (
        <button type="button" class="btn" onClick={() => onAccept(handover.id)}>
          {t('duty.accept')}
        </button>
      ) : (
        <p class="hint">{t('duty.notAccepted')}</p>
      )}
    </article>
  );
}

/** `#/duty`: the CRC shift on duty now, the roster of the coming week, the recent handovers and (for writers) the handover form. */
export function DutyPage({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const role = session.user.role;
  const canWrite = WRITERS.includes(role);
  const [shifts, setShifts] = useState<DutyShiftView[]>([]);
  const [current, setCurrent] = useState<DutyOnDutyView | null>(null);
  const [roster, setRoster] = useState<DutyRosterEntryView[]>([]);
  const [handovers, setHandovers] = useState<DutyHandoverView[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [version, setVersion] = useState(0);
  const [toShiftId, setToShiftId] = useState('');
  const [note, setNote] = useState('');
  const [items, setItems] = useState('');
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let live = true;
    const now = Date.now();
    Promise.all([
      dutyApi.shifts(),
      dutyApi.current(),
      dutyApi.roster(new Date(now - DAY_MS).toISOString(), new Date(now + 7 * DAY_MS).toISOString()),
      dutyApi.handovers(10),
    ]).then(([shiftList, onDuty, watches, recent]) => {
      if (!live) return;
      setShifts(shiftList);
      setCurrent(onDuty);
      setRoster(watches);
      setHandovers(recent);
    }, setFailure);
    return () => {
      live = false;
    };
  }, [version]);

  const byId = new Map(shifts.map((s) => [s.id, s]));
  const shiftCode = (id: string | null) => (id === null ? '—' : (byId.get(id)?.code ?? '?'));
  const shiftName = (shift: DutyShiftView) => `${shift.code} · ${shift.names[lang]}`;
  const mayAccept = (handover: DutyHandoverView) => canWrite || (byId.get(handover.toShiftId)?.memberUserIds.includes(session.user.id) ?? false);
  const accept = (id: string) => {
    setFailure(null);
    dutyApi.accept(id).then(() => {
      setNotice(t('duty.accepted'));
      setVersion((v) => v + 1);
    }, setFailure);
  };
  const handOver = (event: Event) => {
    event.preventDefault();
    setSending(true);
    setFailure(null);
    const texts = items
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    dutyApi
      .handOver({ toShiftId, note, items: texts.map((text) => ({ text })) })
      .then(() => {
        setNote('');
        setItems('');
        setNotice(t('duty.handedOver'));
        setVersion((v) => v + 1);
      }, setFailure)
      .finally(() => setSending(false));
  };

  return (
    <Layout title={t('duty.title')} nav={staffNav(role, t, 'duty')}>
      <section class="panel" aria-labelledby="duty-now-heading">
        <h1 id="duty-now-heading">{t('duty.title')}</h1>
        <ErrorMessage error={failure} />
        <p role="status" class="hint">
          {notice}
        </p>
        <h2>{t('duty.onDuty')}</h2>
        {current === null ? (
          <Loading />
        ) : current.shift && current.watch ? (
          <div data-testid="duty-current">
            <p>
              <strong>{shiftName(current.shift)}</strong> {t('duty.until', { time: formatTime(current.watch.to, CRC_TIME_ZONE, lang, true) })}
            </p>
            {current.handover ? (
              <HandoverCard handover={current.handover} shiftCode={shiftCode} canAccept={mayAccept(current.handover)} onAccept={accept} />
            ) : (
              <p class="empty">{t('duty.noHandover')}</p>
            )}
          </div>
        ) : (
          <p class="empty">{t('duty.nobody')}</p>
        )}
      </section>

      <section class="panel" aria-labelledby="duty-roster-heading">
        <h2 id="duty-roster-heading">{t('duty.roster')}</h2>
        {roster.length === 0 ? (
          <p class="empty">{t('duty.rosterEmpty')}</p>
        ) : (
          <table class="list-table compact" data-testid="duty-roster">
            <thead>
              <tr>
                <th scope="col">{t('duty.shift')}</th>
                <th scope="col">{t('duty.from')}</th>
                <th scope="col">{t('duty.to')}</th>
              </tr>
            </thead>
            <tbody>
              {roster.map((watch) => {
                const shift = byId.get(watch.dutyShiftId);
                return (
                  <tr key={watch.id} aria-current={current?.watch?.id === watch.id ? 'true' : undefined}>
                    <td>{shift ? shiftName(shift) : shiftCode(watch.dutyShiftId)}</td>
                    <td>{formatTime(watch.from, CRC_TIME_ZONE, lang, true)}</td>
                    <td>{formatTime(watch.to, CRC_TIME_ZONE, lang, true)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {canWrite && (
        <section class="panel" aria-labelledby="duty-handover-heading">
          <h2 id="duty-handover-heading">{t('duty.handOver')}</h2>
          <form onSubmit={handOver}>
            <label class="field">
              <span>{t('duty.toShift')}</span>
              <select name="toShiftId" required value={toShiftId} onChange={(e) => setToShiftId(e.currentTarget.value)}>
                <option value="">—</option>
                {shifts
                  .filter((s) => s.active)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {shiftName(s)}
                    </option>
                  ))}
              </select>
            </label>
            <label class="field">
              <span>{t('duty.note')}</span>
              <textarea name="note" rows={3} maxLength={4000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            </label>
            <label class="field">
              <span>{t('duty.items')}</span>
              <textarea name="items" rows={3} value={items} onInput={(e) => setItems(e.currentTarget.value)} />
            </label>
            <p class="hint">{t('duty.itemsHint')}</p>
            <button type="submit" class="btn btn-primary" disabled={sending || !toShiftId}>
              {t('duty.submit')}
            </button>
          </form>
        </section>
      )}

      <section class="panel" aria-labelledby="duty-handovers-heading">
        <h2 id="duty-handovers-heading">{t('duty.handovers')}</h2>
        {handovers.length === 0 ? (
          <p class="empty">{t('duty.handoversEmpty')}</p>
        ) : (
          handovers.map((h) => <HandoverCard key={h.id} handover={h} shiftCode={shiftCode} canAccept={mayAccept(h)} onAccept={accept} />)
        )}
      </section>
    </Layout>
  );
}
