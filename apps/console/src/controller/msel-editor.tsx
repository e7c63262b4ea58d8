import { useEffect, useRef, useState } from 'preact/hooks';
import type { CommandPostView, InjectInput, InjectView, PostGroupView, ScenarioView } from '@excon/contracts';
import { LANGUAGES, MSEL_LIMITS, type Language } from '@excon/domain/vocabulary';
import { api, type ExportFormat } from '../api/api';
import { ApiRequestError } from '../api/client';
import { href, navigate } from '../common/router';
import { AttachmentList, AttachmentUpload } from '../common/attachment-list';
import { formatScenarioTime } from '../common/time';
import { useVirtualRows, VirtualPad } from '../common/virtual-rows';
import { ErrorMessage, Field, Loading, PrecedenceBadge } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { ConfirmButton } from './confirm-button';
import { InjectForm } from './inject-form';
import { ObjectivesEditor } from './objectives-editor';
import './msel-editor.css';

interface MetaDraft {
  title: string;
  description: string;
  language: Language;
}

/** Title, description and language of a scenario: the form of a new scenario and the head of the editor. */
function ScenarioMetaForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial: MetaDraft;
  submitLabel: string;
  onSubmit: (meta: MetaDraft) => Promise<void>;
}) {
  const { t } = useI18n();
  const [meta, setMeta] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => setMeta(initial), [initial.title, initial.description, initial.language]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!meta.title.trim()) return setErrors({ title: t('validation.required') });
    setBusy(true);
    setErrors({});
    setFailure(null);
    setSaved(false);
    try {
      await onSubmit({ ...meta, title: meta.title.trim() });
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 400) setErrors(error.fieldErrors());
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="meta-form" onSubmit={(e) => void submit(e)} noValidate data-testid="scenario-form">
      <div class="form-row">
        <Field label={t('scenario.title')} error={errors.title} class="wide">
          {(c) => (
            <input {...c} name="title" value={meta.title} maxLength={200} onInput={(e) => setMeta({ ...meta, title: e.currentTarget.value })} />
          )}
        </Field>
        <Field label={t('scenario.language')} error={errors.language} class="narrow">
          {(c) => (
            <select {...c} name="language" value={meta.language} onChange={(e) => setMeta({ ...meta, language: e.currentTarget.value as Language })}>
              {LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t(`language.${code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('scenario.description')} error={errors.description}>
        {(c) => (
          <textarea
            {...c}
            name="description"
            rows={2}
            maxLength={MSEL_LIMITS.descriptionMaxLength}
            value={meta.description}
            onInput={(e) => setMeta({ ...meta, description: e.currentTarget.value })}
          />
        )}
      </Field>
      <ErrorMessage error={failure} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
        {saved && <span role="status">{t('common.saved')}</span>}
      </div>
    </form>
  );
}

export function NewScenario() {
  const { t, lang } = useI18n();
  return (
    <section class="panel" aria-labelledby="new-scenario">
      <h1 id="new-scenario">{t('scenario.new')}</h1>
      <ScenarioMetaForm
        initial={{ title: '', description: '', language: lang }}
        submitLabel={t('scenario.create')}
        onSubmit={async (meta) => {
          const created = await api.createScenario({ ...meta, injects: [] });
          navigate(`/controller/scenarios/${created.id}`, { replace: true });
        }}
      />
    </section>
  );
}

/** The MSEL editor: the scenario's injects as a table; add, edit and delete one at a time. */
/** `posts` is null while they load (the scenario loads meanwhile). */
export function MselEditor({ scenarioId, posts }: { scenarioId: string; posts: CommandPostView[] | null }) {
  const { t } = useI18n();
  const [scenario, setScenario] = useState<ScenarioView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  /** 'new', an inject id, or null (no form open). */
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [groups, setGroups] = useState<PostGroupView[]>([]);
  useEffect(() => void api.postGroups().then(setGroups, () => setGroups([])), []);
  /** Where the keyboard focus goes back to when the inject form closes (the button that opened it). */
  const opener = useRef<HTMLElement | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const formPanel = useRef<HTMLDivElement>(null);
  const wasEditing = useRef<string | null>(null);
  /** A long MSEL scrolls in its own box and only the rows in view are in the DOM. */
  const scroller = useRef<HTMLDivElement>(null);
  const view = useVirtualRows(scroller, scenario?.injects.length ?? 0, { estimate: 42, overscan: 10 });
  useEffect(() => {
    const before = wasEditing.current;
    wasEditing.current = editing;
    if (editing && editing !== before) {
      // The form opened (or switched to another inject): its first field takes the focus.
      formPanel.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    } else if (!editing && before) {
      const back = opener.current?.isConnected ? opener.current : addButton.current;
      back?.focus();
    }
  });
  const openForm = (what: string, event: Event) => {
    opener.current = event.currentTarget as HTMLElement;
    setEditing(what);
  };

  const load = () =>
    api.scenario(scenarioId).then(
      (s) => {
        setScenario(s);
        setFailure(null);
      },
      (error) => setFailure(error),
    );
  useEffect(() => void load(), [scenarioId]);

  if (!scenario || !posts) return failure ? <ErrorMessage error={failure} /> : <Loading />;

  const postCode = new Map(posts.map((p) => [p.id, p.code]));
  const groupCode = new Map(groups.map((g) => [g.id, g.code]));
  const contingencyRefs = scenario.injects.filter((i) => i.contingency).map((i) => i.ref);
  const editingInject = editing && editing !== 'new' ? scenario.injects.find((i) => i.id === editing) : undefined;

  const saveInject = async (input: InjectInput) => {
    if (editingInject) await api.updateInject(scenario.id, editingInject.id, input);
    else await api.addInject(scenario.id, input);
    setNotice(t(editingInject ? 'msel.updated' : 'msel.added', { ref: input.ref }));
    setEditing(null);
    await load();
  };

  return (
    <div class="msel-editor">
      <div class="msel-top">
        <section class="panel" aria-labelledby="scenario-heading">
          <h1 id="scenario-heading">
            {t('msel.heading')}: {scenario.title}
          </h1>
          <ScenarioMetaForm
            initial={{ title: scenario.title, description: scenario.description, language: scenario.language }}
            submitLabel={t('common.save')}
            onSubmit={async (meta) => setScenario(await api.updateScenario(scenario.id, meta))}
          />
        </section>
        <section class="panel objectives-panel">
          <ObjectivesEditor
            objectives={scenario.objectives}
            injects={scenario.injects}
            save={async (objectives) => setScenario(await api.updateScenario(scenario.id, { objectives }))}
          />
        </section>
      </div>
      <MselFiles scenarioId={scenario.id} />
      <section class="panel" aria-labelledby="msel-heading">
        <div class="panel-head">
          <h2 id="msel-heading">
            {t('msel.injects')} <span class="count">{scenario.injects.length}</span>
          </h2>
          <button type="button" class="btn btn-primary" ref={addButton} onClick={(e) => openForm('new', e)} disabled={editing === 'new'}>
            {t('msel.add')}
          </button>
        </div>
        {notice && (
          <p role="status" class="notice">
            {notice}
          </p>
        )}
        <ErrorMessage error={failure} />
        {editing && (
          <div class="form-panel" aria-labelledby="inject-form-heading" role="region" ref={formPanel}>
            <h3 id="inject-form-heading">{editingInject ? t('msel.editing', { ref: editingInject.ref }) : t('msel.add')}</h3>
            <InjectForm
              posts={posts}
              language={scenario.language}
              inject={editingInject}
              contingencyRefs={contingencyRefs}
              objectives={scenario.objectives}
              groups={groups}
              submitLabel={editingInject ? t('common.save') : t('msel.addSubmit')}
              onSubmit={(input) => saveInject(input as InjectInput)}
              onCancel={() => setEditing(null)}
            />
            <section class="inject-attachments" aria-labelledby="inject-attachments-heading" data-testid="inject-attachments">
              <h4 id="inject-attachments-heading">{t('attachment.heading')}</h4>
              {editingInject ? (
                <>
                  <AttachmentList
                    attachments={editingInject.attachments}
                    onRemove={async (attachment) => {
                      await api.detach({ scenarioId: scenario.id, injectId: editingInject.id }, attachment.id);
                      setNotice(t('attachment.removed', { name: attachment.name }));
                      await load();
                    }}
                  />
                  <AttachmentUpload
                    onUpload={async (file) => {
                      await api.attach({ scenarioId: scenario.id, injectId: editingInject.id }, file);
                      await load();
                    }}
                  />
                </>
              ) : (
                <p class="hint">{t('attachment.afterSave')}</p>
              )}
            </section>
          </div>
        )}
        {scenario.injects.length === 0 ? (
          <p class="empty">{t('msel.empty')}</p>
        ) : (
          <div class="table-wrap msel-scroll" ref={scroller} data-testid="msel-scroll">
            <table class="msel-table" data-testid="msel-table" data-injects={scenario.injects.length} aria-rowcount={scenario.injects.length + 1}>
              <caption class="visually-hidden">{t('msel.injects')}</caption>
              <thead>
                <tr aria-rowindex={1}>
                  <th scope="col">{t('inject.offsetShort')}</th>
                  <th scope="col">{t('inject.ref')}</th>
                  <th scope="col">{t('inject.precedence')}</th>
                  <th scope="col">{t('inject.titleShort')}</th>
                  <th scope="col">{t('inject.targets')}</th>
                  <th scope="col">{t('inject.ackWithinShort')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                <VirtualPad height={view.before} columns={7} />
                {scenario.injects.slice(view.start, view.end).map((inject: InjectView, i) => (
                  <tr
                    key={inject.id}
                    data-virtual-row
                    aria-rowindex={view.start + i + 2}
                    data-ref={inject.ref}
                    class={editing === inject.id ? 'selected' : undefined}
                  >
                    <td class="mono">{formatScenarioTime(inject.offsetSeconds)}</td>
                    <td class="mono">
                      {inject.ref}
                      {inject.contingency && <span class="tag">{t('inject.contingencyShort')}</span>}
                    </td>
                    <td>
                      <PrecedenceBadge precedence={inject.precedence} />
                    </td>
                    <td class="title-cell">
                      {inject.title}
                      {inject.objectiveRefs.length > 0 && (
                        <div class="hint objective-refs">
                          {t('inject.objectives')}: {inject.objectiveRefs.join(', ')}
                        </div>
                      )}
                      {inject.contingencyRef && (
                        <div class="hint">
                          {t('inject.contingencyRef')}: {inject.contingencyRef}
                        </div>
                      )}
                      {inject.attachments.length > 0 && (
                        <div class="hint" data-testid="attachment-count">
                          {t('attachment.count', { count: inject.attachments.length })}
                        </div>
                      )}
                    </td>
                    <td class="targets-cell">
                      {inject.targets.map((id) => postCode.get(id) ?? '?').join(', ')}
                      {inject.targetGroups.length > 0 && (
                        <div class="hint" data-testid="target-groups">
                          {t('inject.targetGroups')}: {inject.targetGroups.map((id) => groupCode.get(id) ?? '?').join(', ')}
                        </div>
                      )}
                    </td>
                    <td class="mono">{inject.ackWithinSeconds ? formatScenarioTime(inject.ackWithinSeconds).slice(2) : '—'}</td>
                    <td class="row-actions">
                      <button
                        type="button"
                        class="btn btn-small"
                        onClick={(e) => openForm(inject.id, e)}
                        aria-label={t('msel.editRef', { ref: inject.ref })}
                      >
                        {t('common.edit')}
                      </button>
                      <ConfirmButton
                        class="btn-small"
                        label={t('common.delete')}
                        confirmLabel={t('common.confirmDelete')}
                        onConfirm={() =>
                          void api.deleteInject(scenario.id, inject.id).then(() => {
                            setNotice(t('msel.deleted', { ref: inject.ref }));
                            // The row and its button are gone: the keyboard focus goes to "Add inject".
                            addButton.current?.focus();
                            return load();
                          }, setFailure)
                        }
                      />
                    </td>
                  </tr>
                ))}
                <VirtualPad height={view.after} columns={7} />
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

const EXPORT_FORMATS: ExportFormat[] = ['xlsx', 'csv', 'json', 'zip'];

/** The MSEL as a file (XLSX, CSV, JSON), and a new version of it from a file. */
function MselFiles({ scenarioId }: { scenarioId: string }) {
  const { t } = useI18n();
  const [failure, setFailure] = useState<unknown>(null);
  return (
    <section class="panel msel-files" aria-labelledby="msel-files-heading">
      <h2 id="msel-files-heading">{t('msel.export')}</h2>
      <p class="hint">{t('msel.exportHint')}</p>
      <div class="form-actions">
        {EXPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            class="btn"
            data-testid={`export-${format}`}
            onClick={() => {
              setFailure(null);
              api.downloadScenario(scenarioId, format).catch(setFailure);
            }}
          >
            {t('msel.exportAs', { format: format.toUpperCase() })}
          </button>
        ))}
        <a class="btn" href={href(`/controller/scenarios/${scenarioId}/import`)} data-testid="import-version-link">
          {t('msel.importVersion')}
        </a>
      </div>
      <ErrorMessage error={failure} />
    </section>
  );
}
