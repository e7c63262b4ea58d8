import { useEffect, useState } from 'preact/hooks';
import type { ExerciseSummaryView, ScenarioSummaryView } from '@excon/contracts';
import { api } from '../api/api';
import { ApiRequestError } from '../api/client';
import { href, navigate } from '../common/router';
import { CRC_TIME_ZONE, formatTime } from '../common/time';
import { ErrorMessage, Field, Loading } from '../common/ui';
import { ExerciseTable } from '../common/exercise-table';
import { useI18n } from '../i18n/i18n';
import { ConfirmButton } from './confirm-button';

function NewExerciseForm({ scenarios }: { scenarios: ScenarioSummaryView[] }) {
  const { t } = useI18n();
  const [scenarioId, setScenarioId] = useState('');
  const [title, setTitle] = useState('');
  const [speed, setSpeed] = useState('1');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const factor = Number(speed);
    if (!scenarioId) found.scenarioId = t('validation.required');
    if (!Number.isFinite(factor) || factor <= 0 || factor > 60) found.speed = t('validation.speed');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setFailure(null);
    try {
      const exercise = await api.createExercise({ scenarioId, ...(title.trim() ? { title: title.trim() } : {}), speed: factor });
      navigate(`/controller/exercises/${exercise.id}`);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 400) setErrors(error.fieldErrors());
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="inline-form" onSubmit={(e) => void submit(e)} noValidate data-testid="new-exercise-form" aria-label={t('exercise.new')}>
      <Field label={t('exercise.scenario')} error={errors.scenarioId}>
        {(c) => (
          <select {...c} name="scenarioId" value={scenarioId} onChange={(e) => setScenarioId(e.currentTarget.value)}>
            <option value="">{t('exercise.chooseScenario')}</option>
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} ({s.injectCount})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('exercise.titleOptional')} error={errors.title}>
        {(c) => <input {...c} name="title" value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />}
      </Field>
      <Field label={t('exercise.speed')} error={errors.speed} hint={t('exercise.speedHint')} class="narrow">
        {(c) => (
          <input {...c} name="speed" type="number" min={0.1} max={60} step="any" value={speed} onInput={(e) => setSpeed(e.currentTarget.value)} />
        )}
      </Field>
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {t('exercise.create')}
      </button>
      <ErrorMessage error={failure} />
    </form>
  );
}

/** The controller's landing page: scenarios (MSEL) and exercises. */
export function ControllerHome({ canRun }: { canRun: boolean }) {
  const { t, lang } = useI18n();
  const [scenarios, setScenarios] = useState<ScenarioSummaryView[] | null>(null);
  const [exercises, setExercises] = useState<ExerciseSummaryView[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const load = () => {
    api.scenarios().then(setScenarios, setFailure);
    api.exercises().then(setExercises, setFailure);
  };
  useEffect(load, []);

  return (
    <div class="controller-home">
      <ErrorMessage error={failure} />
      <section class="panel" aria-labelledby="scenarios-heading">
        <div class="panel-head">
          <h1 id="scenarios-heading" tabIndex={-1}>
            {t('scenario.list')}
          </h1>
          <div class="panel-actions">
            <a class="btn" href={href('/controller/import')} data-testid="import-link">
              {t('import.link')}
            </a>
            <a class="btn btn-primary" href={href('/controller/scenarios/new')}>
              {t('scenario.new')}
            </a>
          </div>
        </div>
        {!scenarios ? (
          <Loading />
        ) : scenarios.length === 0 ? (
          <p class="empty">{t('scenario.none')}</p>
        ) : (
          <table class="list-table" data-testid="scenario-list">
            <thead>
              <tr>
                <th scope="col">{t('scenario.title')}</th>
                <th scope="col">{t('scenario.injectCount')}</th>
                <th scope="col">{t('scenario.updated')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {scenarios.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={href(`/controller/scenarios/${s.id}`)}>{s.title}</a>
                    {s.description && <div class="hint">{s.description}</div>}
                  </td>
                  <td>{s.injectCount}</td>
                  <td>{formatTime(s.updatedAt, CRC_TIME_ZONE, lang, true)}</td>
                  <td class="row-actions">
                    <ConfirmButton
                      class="btn-small"
                      label={t('common.delete')}
                      confirmLabel={t('common.confirmDelete')}
                      onConfirm={() =>
                        void api.deleteScenario(s.id).then(() => {
                          load();
                          // The row and its button are gone: the keyboard focus goes to the list's heading.
                          document.getElementById('scenarios-heading')?.focus();
                        }, setFailure)
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel" aria-labelledby="exercises-heading">
        <h2 id="exercises-heading">{t('exercise.list')}</h2>
        {scenarios && canRun && <NewExerciseForm scenarios={scenarios} />}
        {!exercises ? (
          <Loading />
        ) : exercises.length === 0 ? (
          <p class="empty">{t('exercise.none')}</p>
        ) : (
          <ExerciseTable exercises={exercises} linkBase="/controller/exercises" columns={['clock', 'speed']} />
        )}
      </section>
    </div>
  );
}
