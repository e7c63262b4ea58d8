import { useState } from 'preact/hooks';
import type { ActionItem, AgendaItem, MinutesEntry, PlanActivityView, PlanDocument } from '@excon/contracts';
import { ACTION_ITEM_STATUSES, PLAN_DOCUMENT_STATUSES, type ActionItemStatus, type PlanDocumentStatus } from '@excon/domain/vocabulary';
import { ApiRequestError } from '../api/client';
import { trainingPlanApi } from '../api/training-plan-api';
import { ErrorMessage, Field } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { newId } from '../common/new-id';

interface ItemDraft {
  id: string;
  title: string;
  speakers: string;
  documents: string[];
  decision: string;
  actions: ActionItem[];
}

/** A consultation's agenda (title, speakers), documents (title, version, status) and per item the decision and action items. */
export function ConsultationEditor({ activity, onSaved }: { activity: PlanActivityView; onSaved: (a: PlanActivityView) => void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<ItemDraft[]>(() =>
    activity.agenda.map((a) => {
      const entry = activity.minutes.find((m) => m.agendaItemId === a.id);
      return {
        id: a.id,
        title: a.title,
        speakers: a.speakers.join(', '),
        documents: a.documents,
        decision: entry?.decision ?? '',
        actions: entry?.actions ?? [],
      };
    }),
  );
  const [documents, setDocuments] = useState<Omit<PlanDocument, 'updatedAt'>[]>(() =>
    activity.documents.map(({ id, title, version, status }) => ({ id, title, version, status })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const setItem = (i: number, patch: Partial<ItemDraft>) => setItems(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const setAction = (i: number, k: number, patch: Partial<ActionItem>) =>
    setItem(i, { actions: items[i].actions.map((a, j) => (j === k ? { ...a, ...patch } : a)) });
  const setDocument = (i: number, patch: Partial<PlanDocument>) => setDocuments(documents.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const err = (field: string) => errors[field];
  const save = () => {
    const agenda: AgendaItem[] = items.map((x) => ({
      id: x.id,
      title: x.title.trim(),
      speakers: x.speakers
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      documents: x.documents.filter((d) => documents.some((doc) => doc.id === d)),
    }));
    const minutes: MinutesEntry[] = items.map((x) => ({ agendaItemId: x.id, decision: x.decision.trim(), actions: x.actions }));
    setSaving(true);
    setSaved(false);
    setErrors({});
    setFailure(null);
    trainingPlanApi
      .update(activity.id, { agenda, documents: documents as PlanDocument[], minutes })
      .then(
        (a) => {
          setSaved(true);
          onSaved(a);
        },
        (error: unknown) => {
          if (error instanceof ApiRequestError && error.status === 400 && error.body.details?.length) setErrors(error.fieldErrors());
          else setFailure(error);
        },
      )
      .finally(() => setSaving(false));
  };
  return (
    <form
      class="tp-consultation"
      data-testid="consultation-form"
      aria-labelledby="tp-consultation-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3 id="tp-consultation-heading">{t('tp.consultation')}</h3>
      <fieldset>
        <legend>{t('tp.documents')}</legend>
        {documents.map((d, i) => (
          <div class="form-row" key={d.id}>
            <Field label={t('tp.docTitle')} error={err(`documents[${i}].title`) ?? err('documents.title')}>
              {(c) => <input {...c} value={d.title} onInput={(e) => setDocument(i, { title: e.currentTarget.value })} />}
            </Field>
            <Field label={t('tp.version')} error={err(`documents[${i}].version`)}>
              {(c) => (
                <input
                  {...c}
                  type="number"
                  min={1}
                  max={999}
                  value={d.version}
                  onInput={(e) => setDocument(i, { version: Number(e.currentTarget.value) || 1 })}
                />
              )}
            </Field>
            <Field label={t('tp.status')} error={err(`documents[${i}].status`)}>
              {(c) => (
                <select {...c} value={d.status} onChange={(e) => setDocument(i, { status: e.currentTarget.value as PlanDocumentStatus })}>
                  {PLAN_DOCUMENT_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`tp.doc.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button
              type="button"
              class="btn btn-small"
              aria-label={`${t('tp.remove')}: ${d.title}`}
              onClick={() => setDocuments(documents.filter((_, j) => j !== i))}
            >
              {t('tp.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          class="btn btn-small"
          onClick={() => setDocuments([...documents, { id: newId(), title: '', version: 1, status: 'draft' }])}
        >
          {t('tp.addDocument')}
        </button>
      </fieldset>
      {items.map((x, i) => (
        <fieldset key={x.id} class="tp-agenda-item">
          <legend>{t('tp.agendaItem', { n: i + 1 })}</legend>
          <div class="form-row">
            <Field label={t('tp.itemTitle')} error={err(`agenda[${i}].title`) ?? err('agenda.title')}>
              {(c) => <input {...c} value={x.title} onInput={(e) => setItem(i, { title: e.currentTarget.value })} />}
            </Field>
            <Field label={t('tp.speakers')} error={err(`agenda[${i}].speakers`)}>
              {(c) => <input {...c} value={x.speakers} onInput={(e) => setItem(i, { speakers: e.currentTarget.value })} />}
            </Field>
          </div>
          {documents.length > 0 && (
            <fieldset>
              <legend>{t('tp.documents')}</legend>
              {documents.map((d) => (
                <label key={d.id} class="tp-check">
                  <input
                    type="checkbox"
                    checked={x.documents.includes(d.id)}
                    onChange={(e) =>
                      setItem(i, { documents: e.currentTarget.checked ? [...x.documents, d.id] : x.documents.filter((id) => id !== d.id) })
                    }
                  />{' '}
                  {d.title || d.id}
                </label>
              ))}
            </fieldset>
          )}
          <Field label={t('tp.decision')} error={err(`minutes[${i}].decision`)}>
            {(c) => <textarea {...c} rows={2} value={x.decision} onInput={(e) => setItem(i, { decision: e.currentTarget.value })} />}
          </Field>
          <fieldset>
            <legend>{t('tp.actions')}</legend>
            {x.actions.map((a, k) => (
              <div class="form-row" key={a.id}>
                <Field label={t('tp.actionText')} error={err(`minutes[${i}].actions[${k}].text`)}>
                  {(c) => <input {...c} value={a.text} onInput={(e) => setAction(i, k, { text: e.currentTarget.value })} />}
                </Field>
                <Field label={t('tp.owner')} error={err(`minutes[${i}].actions[${k}].owner`)}>
                  {(c) => <input {...c} value={a.owner} onInput={(e) => setAction(i, k, { owner: e.currentTarget.value })} />}
                </Field>
                <Field label={t('tp.dueDate')} error={err(`minutes[${i}].actions[${k}].dueDate`)}>
                  {(c) => <input {...c} type="date" value={a.dueDate} onInput={(e) => setAction(i, k, { dueDate: e.currentTarget.value })} />}
                </Field>
                <Field label={t('tp.status')} error={err(`minutes[${i}].actions[${k}].status`)}>
                  {(c) => (
                    <select {...c} value={a.status} onChange={(e) => setAction(i, k, { status: e.currentTarget.value as ActionItemStatus })}>
                      {ACTION_ITEM_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`tp.action.${s}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={`${t('tp.remove')}: ${a.text}`}
                  onClick={() => setItem(i, { actions: x.actions.filter((_, j) => j !== k) })}
                >
                  {t('tp.remove')}
                </button>
              </div>
            ))}
            <button
              type="button"
              class="btn btn-small"
              onClick={() => setItem(i, { actions: [...x.actions, { id: newId(), text: '', owner: '', dueDate: '', status: 'open' }] })}
            >
              {t('tp.addAction')}
            </button>
          </fieldset>
          <button
            type="button"
            class="btn btn-small"
            aria-label={`${t('tp.remove')}: ${t('tp.agendaItem', { n: i + 1 })}`}
            onClick={() => setItems(items.filter((_, j) => j !== i))}
          >
            {t('tp.remove')}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        class="btn btn-small"
        onClick={() => setItems([...items, { id: newId(), title: '', speakers: '', documents: [], decision: '', actions: [] }])}
      >
        {t('tp.addItem')}
      </button>
      <ErrorMessage error={failure} />
      {saved && <p role="status">{t('tp.saved')}</p>}
      <button type="submit" class="btn btn-primary" disabled={saving}>
        {saving ? t('common.saving') : t('tp.saveConsultation')}
      </button>
    </form>
  );
}
