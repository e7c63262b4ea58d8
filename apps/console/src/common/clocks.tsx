import { useI18n } from '../i18n/i18n';
import { CRC_TIME_ZONE, formatScenarioTime, formatTime, scenarioSecondsAt, type ClockReading } from './time';
import { useNow } from './use-now';

export function ExerciseTime({ reading, now }: { reading: ClockReading | null; now: number }) {
  const { t } = useI18n();
  const running = reading?.status === 'running';
  const shown =
    reading && reading.status !== 'draft' && reading.status !== 'scheduled' ? formatScenarioTime(scenarioSecondsAt(reading, now)) : 'T+--:--:--';
  return (
    <span class={`exercise-time${running ? ' running' : ''}`} data-testid="exercise-time">
      {shown}
      {reading && reading.status !== 'running' && <span class="clock-note"> {t(`exerciseStatus.${reading.status}`)}</span>}
      {reading && reading.speed !== 1 && <span class="clock-note"> ×{reading.speed}</span>}
    </span>
  );
}

/**
 * The three clocks of a console: exercise time (T+), the post's local time (when the console belongs
 * to a post) and CRC (Moscow) time, each with its zone.
 */
export function Clocks({ reading, post }: { reading?: ClockReading | null; post?: { name: string; timeZone: string } }) {
  const { t, lang } = useI18n();
  const now = useNow();
  return (
    <dl class="clocks">
      {reading !== undefined && (
        <div class="clock clock-exercise">
          <dt>{t('clock.exercise')}</dt>
          <dd>
            <ExerciseTime reading={reading} now={now} />
          </dd>
        </div>
      )}
      {post && (
        <div class="clock clock-local">
          <dt title={post.timeZone}>{t('clock.local', { zone: post.timeZone })}</dt>
          <dd data-testid="local-time">{formatTime(now, post.timeZone, lang)}</dd>
        </div>
      )}
      <div class="clock clock-crc">
        <dt title={CRC_TIME_ZONE}>{t('clock.crc')}</dt>
        <dd data-testid="crc-time">{formatTime(now, CRC_TIME_ZONE, lang)}</dd>
      </div>
    </dl>
  );
}
