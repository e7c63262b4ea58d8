import { useEffect, useState } from 'preact/hooks';
import type { FeedbackAnswer, FeedbackFormView, FeedbackQuestion, FeedbackResponseView } from '@excon/contracts';
import { EVALUATION_LIMITS, type Language } from '@excon/domain';
import { reportApi } from '../api/report-api';
import { formatTime } from '../common/time';
import { ErrorMessage } from '../common/ui';
import { useI18n } from '../i18n/i18n';

type Draft = Record<string, { rating: number | null; text: string }>;

/** The question in the operator's language when the form carries it, else as written. */
export function questionText(question: FeedbackQuestion, lang: Language): string {
  return question.translations?.[lang] || question.text;
}

function draftOf(questions: FeedbackQuestion[], sent: FeedbackResponseView | null): Draft {
  const draft: Draft = {};
  for (const q of questions) {
    const answer = sent?.answers.find((a) => a.questionId === q.id);
    draft[q.id] = { rating: answer?.rating ?? null, text: answer?.text ?? '' };
  }
  return draft;
}

/** The answers to send: a question left empty is left out. */
export function answersOf(questions: FeedbackQuestion[], draft: Draft): FeedbackAnswer[] {
  const answers: FeedbackAnswer[] = [];
  for (const q of questions) {
    const value = draft[q.id];
    if (!value) continue;
    const text = value.text.trim();
    if (q.kind === 'rating' && value.rating !== null)
      answers.push(text ? { questionId: q.id, rating: value.rating, text } : { questionId: q.id, rating: value.rating });
    else if (q.kind === 'text' && text) answers.push({ questionId: q.id, text });
  }
  return answers;
}

/**
 * The questionnaire an operator answers after ENDEX (ratings 1-5 and free text, defined per exercise), and what it
 * sent, which it may change. Nothing shows when the exercise has no questionnaire for this operator (404).
 */
export function FeedbackForm({ exerciseId, title, timeZone }: { exerciseId: string; title: string; timeZone?: string }) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState<FeedbackFormView | null>(null);
  const [sent, setSent] = useState<FeedbackResponseView | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [justSent, setJustSent] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    Promise.all([reportApi.feedbackForm(exerciseId), reportApi.myFeedback(exerciseId).catch(() => null)]).then(([f, mine]) => {
      if (!live) return;
      setForm(f);
      setSent(mine);
      if (f) setDraft(draftOf(f.questions, mine));
    }, setFailure);
    return () => void (live = false);
  }, [exerciseId]);

  if (!form || form.questions.length === 0) return failure ? <ErrorMessage error={failure} /> : null;
  const headingId = `feedback-heading-${exerciseId}`;
  const set = (id: string, patch: Partial<Draft[string]>) => setDraft((d) => ({ ...d, [id]: { ...d[id], ...patch } }));

  if (sent && !editing) {
    return (
      <section class="panel feedback-panel" aria-labelledby={headingId} data-testid="feedback-sent">
        <h2 id={headingId}>
          {t('feedbackForm.heading')}: {title}
        </h2>
        {justSent && <p role="status">{t('feedbackForm.sent')}</p>}
        <p class="hint">{t('feedbackForm.sentAt', { time: formatTime(sent.submittedAt, timeZone ?? 'UTC', lang) })}</p>
        <h3>{t('feedbackForm.yourAnswers')}</h3>
        <dl class="feedback-answers">
          {form.questions.map((q) => {
            const answer = sent.answers.find((a) => a.questionId === q.id);
            const shown = [answer?.rating != null ? `${answer.rating}/5` : '', answer?.text ?? ''].filter(Boolean).join(' — ');
            return (
              <div key={q.id} data-question={q.id}>
                <dt>{questionText(q, lang)}</dt>
                <dd>{shown || <span class="hint">{t('feedbackForm.notAnswered')}</span>}</dd>
              </div>
            );
          })}
        </dl>
        <button
          type="button"
          class="btn"
          onClick={() => {
            setDraft(draftOf(form.questions, sent));
            setJustSent(false);
            setEditing(true);
          }}
        >
          {t('feedbackForm.change')}
        </button>
      </section>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const response = await reportApi.sendFeedback(exerciseId, answersOf(form.questions, draft));
      setSent(response);
      setEditing(false);
      setJustSent(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel feedback-panel" aria-labelledby={headingId} data-testid="feedback-form">
      <h2 id={headingId}>
        {t('feedbackForm.heading')}: {title}
      </h2>
      <p class="hint">{t('feedbackForm.intro')}</p>
      <form onSubmit={(e) => void submit(e)}>
        {form.questions.map((q, i) => {
          const value = draft[q.id] ?? { rating: null, text: '' };
          const text = questionText(q, lang);
          return q.kind === 'rating' ? (
            <fieldset key={q.id} class="feedback-question" data-question={q.id}>
              <legend>
                {i + 1}. {text} <span class="hint">({t('feedbackForm.scale')})</span>
              </legend>
              <div class="feedback-scale">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n} class="feedback-choice">
                    <input type="radio" name={`q-${q.id}`} value={n} checked={value.rating === n} onChange={() => set(q.id, { rating: n })} />
                    {n}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : (
            <div key={q.id} class="feedback-question field" data-question={q.id}>
              <label for={`q-${exerciseId}-${q.id}`}>
                {i + 1}. {text}
              </label>
              <textarea
                id={`q-${exerciseId}-${q.id}`}
                rows={3}
                maxLength={EVALUATION_LIMITS.feedbackAnswerMaxLength}
                value={value.text}
                onInput={(e) => set(q.id, { text: e.currentTarget.value })}
              />
            </div>
          );
        })}
        <ErrorMessage error={failure} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t('feedbackForm.sending') : t('feedbackForm.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
