import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CommandPostView, ImportInspectView, ImportPresetView, ImportPreviewView } from '@excon/contracts';
import type { MselField, MselImportOptions } from '@excon/domain';
import { api } from '../../api/api';
import { ApiRequestError } from '../../api/client';
import { navigate } from '../../common/router';
import { CRC_TIME_ZONE, LOCAL_TIME_ZONE } from '../../common/time';
import { ErrorMessage } from '../../common/ui';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { FileStep } from './file-step';
import {
  applyPreset,
  buildOptions,
  carryChoices,
  choicesOf,
  clashes,
  clearPreset,
  emptyDraft,
  mappingOf,
  presetOptions,
  type CarriedChoices,
  type ChosenByHand,
  type ColumnChoices,
  type ImportDraft,
} from './import-draft';
import { sortImportErrors, stepOfErrors, type OptionInput, type RowErrors } from './import-errors';
import { MappingStep } from './mapping-step';
import { PreviewStep } from './preview-step';
import { timeZoneChoices } from './zoned-time';

type Step = 'file' | 'mapping' | 'preview';
const STEPS: Step[] = ['file', 'mapping', 'preview'];

/** Messages at the wizard's inputs: the server's option errors, and the checks made before sending. */
export type WizardErrors = Partial<Record<OptionInput | 'presetName', string>>;

/**
 * The MSEL import wizard: file and options, then the column mapping, then the preview with every bad cell or the
 * injects, then the commit as a new scenario (or as a new version of `scenarioId`).
 */
export function ImportWizard({ posts, scenarioId }: { posts: CommandPostView[]; scenarioId?: string }) {
  const { t, lang } = useI18n();
  const [step, setStep] = useState<Step>('file');
  const [draft, setDraft] = useState(() => emptyDraft(lang, LOCAL_TIME_ZONE));
  const [file, setFile] = useState<File | null>(null);
  const [inspect, setInspect] = useState<ImportInspectView | null>(null);
  const [choices, setChoices] = useState<ColumnChoices>({});
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [rowErrors, setRowErrors] = useState<RowErrors[]>([]);
  const [errors, setErrors] = useState<WizardErrors>({});
  /** The alert at the top: a failure that belongs to no input (or the details that name none). */
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [presets, setPresets] = useState<ImportPresetView[]>([]);
  const [versionOf, setVersionOf] = useState<string | null>(null);
  const zones = useMemo(() => timeZoneChoices([LOCAL_TIME_ZONE, CRC_TIME_ZONE, ...posts.map((p) => p.timeZone).sort()]), [posts]);

  const root = useRef<HTMLDivElement>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  /** What takes the keyboard focus after the next render: the step's heading, or the first input with an error. */
  const focusNext = useRef<'heading' | 'invalid' | null>('heading');
  /** Only the latest upload's answer counts (the sheet or the header row may change again before one comes). */
  const sequence = useRef(0);
  /** The columns chosen for the file before this one (a corrected copy, usually): put on the new file's columns. */
  const carried = useRef<CarriedChoices | null>(null);
  /** The sheet and header row set by hand or by a preset: a preset saved from here keeps only those. */
  const byHand = useRef<ChosenByHand>({ sheet: false, headerRow: false });
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'invalid') {
      const invalid = root.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      const control = invalid?.matches('fieldset') ? invalid.querySelector<HTMLElement>('input') : invalid;
      (control ?? root.current?.querySelector<HTMLElement>('[role="alert"]') ?? stepHeading.current)?.focus();
    } else if (target === 'heading') stepHeading.current?.focus();
  });

  useEffect(() => {
    api.importPresets().then((list) => setPresets([...list].sort((a, b) => a.name.localeCompare(b.name))), setFailure);
    if (scenarioId)
      api.scenario(scenarioId).then((scenario) => {
        setVersionOf(scenario.title);
        setDraft((d) => ({ ...d, title: scenario.title, language: scenario.language }));
      }, setFailure);
  }, [scenarioId]);

  const go = (next: Step) => {
    focusNext.current = 'heading';
    setStep(next);
  };
  const clearErrors = () => {
    setErrors({});
    setRowErrors([]);
    setFailure(null);
  };

  /** An upload failed: option errors to their input (and back to their step), bad cells to the preview, the rest on top. */
  const fail = (error: unknown) => {
    setStatus('');
    const details = error instanceof ApiRequestError && error.status === 400 ? (error.body.details ?? []) : [];
    if (!details.length) {
      setFailure(error);
      focusNext.current = 'invalid';
      return;
    }
    const sorted = sortImportErrors(details);
    if (!inspect) {
      // No file read yet: the mapping step's inputs are not there to show their errors (a preset that does not fit).
      for (const input of ['sheet', 'headerRow', 'mapping'] as const) {
        const message = sorted.options[input];
        if (message)
          sorted.general.push(
            `${t(input === 'mapping' ? 'import.step.mapping' : input === 'sheet' ? 'import.sheet' : 'import.headerRow')}: ${message}`,
          );
        delete sorted.options[input];
      }
    }
    setErrors(sorted.options);
    setRowErrors(sorted.rows);
    setFailure(sorted.general.length ? new Error(sorted.general.join('; ')) : null);
    const back = stepOfErrors(sorted.options);
    if (back) {
      // The inputs named are on this step or an earlier one: there, the first of them takes the focus.
      setStep(back);
      focusNext.current = 'invalid';
    } else if (sorted.rows.length) {
      setPreview(null);
      go('preview');
    } else focusNext.current = 'invalid';
  };

  /** The options of the draft, or null (and the input's error shown) when one cannot be sent. */
  const optionsOf = (of: ImportDraft): MselImportOptions | null => {
    const built = buildOptions(of, scenarioId);
    if (built.invalid) {
      setErrors({ [built.invalid]: t('validation.dateTime') });
      focusNext.current = 'invalid';
      return null;
    }
    return built.options;
  };
  /** The draft with the mapping table's choices as its mapping (once the file has been read). */
  const mapped = (): ImportDraft =>
    inspect
      ? { ...draft, sheet: inspect.sheet, headerRow: inspect.headerRow, mapping: mappingOf(inspect.columns, choices, inspect.headerRow) }
      : draft;

  /** One request at a time counts: an answer overtaken by a newer request (another file, another sheet) is dropped. */
  const latest = async <T,>(status: string, call: () => Promise<T>, done: (value: T) => void) => {
    const mine = ++sequence.current;
    setBusy(true);
    setStatus(status);
    try {
      const value = await call();
      if (mine === sequence.current) done(value);
    } catch (error) {
      if (mine === sequence.current) fail(error);
    } finally {
      if (mine === sequence.current) setBusy(false);
    }
  };

  const read = async (next: ImportDraft) => {
    const found: WizardErrors = {};
    if (!file) found.file = t('import.fileRequired');
    if (next.targetsMode === 'chosen' && !next.targetCodes.length) found.defaultTargets = t('import.targetsRequired');
    clearErrors();
    if (Object.keys(found).length) {
      setErrors(found);
      focusNext.current = 'invalid';
      return;
    }
    const options = optionsOf(next);
    if (!options || !file) return;
    await latest(
      t('import.reading'),
      () => api.inspectImport(file, options),
      (view) => {
        setInspect(view);
        setChoices(carried.current ? carryChoices(carried.current, view) : choicesOf(view));
        carried.current = null;
        setDraft({ ...next, sheet: view.sheet, headerRow: view.headerRow });
        // The mapping step says what was read, right under its heading (which takes the focus).
        setStatus('');
        if (step !== 'mapping') go('mapping');
      },
    );
  };

  const runPreview = async () => {
    const next = mapped();
    clearErrors();
    if (Object.keys(clashes(choices)).length) {
      // The selects that clash already say so: the first of them takes the focus.
      setErrors({ mapping: t('import.clashes') });
      focusNext.current = 'invalid';
      return;
    }
    const options = optionsOf(next);
    if (!options || !file) return;
    await latest(
      t('import.previewing'),
      () => api.previewImport(file, options),
      (view) => {
        setDraft(next);
        setPreview(view);
        setStatus(t('import.ready', { count: view.scenario.injects.length }));
        go('preview');
      },
    );
  };

  const commit = async () => {
    clearErrors();
    const options = optionsOf(draft);
    if (!options || !file) return;
    setBusy(true);
    setStatus(t('import.committing'));
    try {
      const created = await api.importScenario(file, options);
      navigate(`/controller/scenarios/${created.id}`);
    } catch (error) {
      fail(error);
      setBusy(false);
    }
  };

  const savePreset = async (name: string) => {
    const options = optionsOf(mapped());
    if (!options) return;
    setErrors((e) => ({ ...e, presetName: undefined }));
    try {
      const saved = await api.saveImportPreset(name, presetOptions(options, byHand.current));
      setPresets((list) => [...list.filter((p) => p.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name)));
      setDraft((d) => ({ ...d, presetName: saved.name, base: saved.options }));
      setStatus(t('import.presetSaved', { name: saved.name }));
    } catch (error) {
      const message = error instanceof ApiRequestError && error.status === 400 ? (Object.values(error.fieldErrors())[0] ?? error.body.message) : null;
      if (message) {
        setErrors((e) => ({ ...e, presetName: message }));
        focusNext.current = 'invalid';
      } else setFailure(error);
    }
  };

  const choosePreset = (name: string) => {
    const preset = presets.find((p) => p.name === name);
    setDraft(preset ? applyPreset(draft, preset.name, preset.options) : clearPreset(draft));
    byHand.current = { sheet: preset?.options.sheet !== undefined, headerRow: preset?.options.headerRow !== undefined };
    // The preset's columns replace whatever was chosen for an earlier file.
    carried.current = null;
    setInspect(null);
    if (preset) setStatus(t('import.presetApplied', { name: preset.name }));
  };
  const deletePreset = (preset: ImportPresetView) =>
    void api.deleteImportPreset(preset.id).then(() => {
      setPresets((list) => list.filter((p) => p.id !== preset.id));
      setDraft(clearPreset(draft));
      byHand.current = { sheet: false, headerRow: false };
      setStatus(t('import.presetDeleted', { name: preset.name }));
      // The button is gone with the preset: the focus goes to the preset select.
      root.current?.querySelector<HTMLElement>('select[name="preset"], input[name="title"]')?.focus();
    }, setFailure);

  const chooseField = (letter: string, field: MselField | null) => setChoices((current) => ({ ...current, [letter]: field }));

  const stepKey: Record<Step, MessageKey> = { file: 'import.step.file', mapping: 'import.step.mapping', preview: 'import.step.preview' };
  const index = STEPS.indexOf(step);
  return (
    <section class="panel import-wizard" aria-labelledby="import-heading" ref={root} data-testid="import-wizard" data-step={step}>
      <h1 id="import-heading">{versionOf ? t('import.headingVersion', { title: versionOf }) : t('import.heading')}</h1>
      <ol class="wizard-steps" aria-label={t('import.steps')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} class={i < index ? 'done' : undefined}>
            {t(stepKey[s])}
          </li>
        ))}
      </ol>
      <p role="status" class={status ? 'notice' : 'visually-hidden'} data-testid="import-status">
        {status}
      </p>
      <ErrorMessage error={failure} />
      <h2 id="import-step-heading" tabIndex={-1} ref={stepHeading}>
        {t('import.stepOf', { n: index + 1 })}: {t(stepKey[step])}
      </h2>
      {step === 'file' && (
        <FileStep
          draft={draft}
          file={file}
          presets={presets}
          posts={posts}
          zones={zones}
          errors={errors}
          busy={busy}
          onDraft={setDraft}
          onFile={(chosen) => {
            setFile(chosen);
            if (inspect) carried.current = { columns: inspect.columns, choices, headerRow: inspect.headerRow };
            byHand.current = { sheet: draft.base.sheet !== undefined, headerRow: draft.base.headerRow !== undefined };
            setInspect(null);
            setPreview(null);
            // Another file: its sheets and header row are found anew (or taken from the preset).
            setDraft((d) => ({ ...d, sheet: d.base.sheet ?? null, headerRow: d.base.headerRow ?? null, mapping: d.base.mapping ?? null }));
            setErrors((e) => ({ ...e, file: undefined }));
          }}
          onPreset={choosePreset}
          onDeletePreset={deletePreset}
          onNext={() => void read(inspect ? mapped() : draft)}
        />
      )}
      {step === 'mapping' && inspect && (
        <MappingStep
          inspect={inspect}
          choices={choices}
          errors={errors}
          busy={busy}
          onChoose={chooseField}
          onSheet={(sheet) => {
            byHand.current = { sheet: true, headerRow: false };
            void read({ ...draft, sheet, headerRow: null, mapping: null });
          }}
          onHeaderRow={(headerRow) => {
            byHand.current = { ...byHand.current, headerRow: true };
            void read({ ...draft, headerRow, mapping: null });
          }}
          onSavePreset={(name) => void savePreset(name)}
          onBack={() => {
            // The columns chosen so far go with the draft, so that "Next" reads the file with them again.
            setDraft(mapped());
            clearErrors();
            go('file');
          }}
          onPreview={() => void runPreview()}
        />
      )}
      {step === 'preview' && (
        <PreviewStep
          preview={preview}
          rowErrors={rowErrors}
          inspect={inspect}
          posts={posts}
          versionOf={versionOf}
          busy={busy}
          onBack={() => {
            clearErrors();
            go(inspect ? 'mapping' : 'file');
          }}
          onChooseFile={() => {
            clearErrors();
            if (inspect) setDraft(mapped());
            go('file');
          }}
          onCommit={() => void commit()}
        />
      )}
    </section>
  );
}
