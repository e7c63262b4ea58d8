import { useEffect, useState } from 'preact/hooks';
import type { ExerciseSummaryView } from '@excon/contracts';
import { api } from '../api/api';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading } from './ui';
import { href } from './router';
import { CRC_TIME_ZONE, formatScenarioTime, formatTime } from './time';

/** Optional columns of the exercise list: the controller's shows the clock and speed, the evaluator's the inject count. */
export type ExerciseColumn = 'clock' | 'speed' | 'injects';

/** The list of exercises, each linking to `${linkBase}/<id>`. */
export function ExerciseTable({ exercises, linkBase, columns }: { exercises: ExerciseSummaryView[]; linkBase: string; columns: ExerciseColumn[] }) {
  const { t, lang } = useI18n();
  const has = (column: ExerciseColumn) => columns.includes(column);
  return (
    <table class="list-table" data-testid="exercise-list">
      <thead>
        <tr>
          <th scope="col">{t('exercise.title')}</th>
          <th scope="col">{t('exercise.status')}</th>
          {has('clock') && <th scope="col">{t('clock.exercise')}</th>}
          {has('speed') && <th scope="col">{t('exercise.speed')}</th>}
          {has('injects') && <th scope="col">{t('scenario.injectCount')}</th>}
          <th scope="col">{t('exercise.started')}</th>
        </tr>
      </thead>
      <tbody>
        {exercises.map((x) => (
          <tr key={x.id}>
            <td>
              <a href={href(`${linkBase}/${x.id}`)}>{x.title}</a>
            </td>
            <td>
              <span class={`status status-${x.status}`}>{t(`exerciseStatus.${x.status}`)}</span>
            </td>
            {has('clock') && <td class="mono">{formatScenarioTime(x.scenarioSeconds)}</td>}
            {has('speed') && <td>×{x.speed}</td>}
            {has('injects') && <td>{x.injectCount}</td>}
            <td>{x.startedAt ? formatTime(x.startedAt, CRC_TIME_ZONE, lang, true) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The exercises, each linking to `${linkBase}/{id}`: the home page of the evaluator's and the reviewer's consoles. */
export function ExerciseIndex({ linkBase }: { linkBase: string }) {
  const { t } = useI18n();
  const [exercises, setExercises] = useState<ExerciseSummaryView[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => void api.exercises().then(setExercises, setFailure), []);
  return (
    <section class="panel" aria-labelledby="exercises-heading">
      <h1 id="exercises-heading">{t('exercise.list')}</h1>
      <ErrorMessage error={failure} />
      {!exercises ? (
        failure ? null : (
          <Loading />
        )
      ) : exercises.length === 0 ? (
        <p class="empty">{t('exercise.none')}</p>
      ) : (
        <ExerciseTable exercises={exercises} linkBase={linkBase} columns={['injects']} />
      )}
    </section>
  );
}
