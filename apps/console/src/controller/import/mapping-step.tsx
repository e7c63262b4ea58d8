import { useEffect, useId, useState } from 'preact/hooks';
import type { ImportColumnView, ImportInspectView } from '@excon/contracts';
import { MSEL_FIELDS, type MselField } from '@excon/domain/msel/msel-fields';
import { Field, ScrollRegion } from '../../common/ui';
import { useI18n } from '../../i18n/i18n';
import { clashes, type ColumnChoices } from './import-draft';
import type { WizardErrors } from './import-wizard';

export interface MappingStepProps {
  inspect: ImportInspectView;
  choices: ColumnChoices;
  errors: WizardErrors;
  busy: boolean;
  onChoose: (letter: string, field: MselField | null) => void;
  onSheet: (sheet: string) => void;
  onHeaderRow: (row: number) => void;
  onSavePreset: (name: string) => void;
  onBack: () => void;
  onPreview: () => void;
}

const SAMPLES = 3;

/** How a column is named to the controller: `C «Время»`, or `C` when it has no header. */
export function columnName(column: Pick<ImportColumnView, 'letter' | 'header'>): string {
  return column.header?.trim() ? `${column.letter} «${column.header.trim()}»` : column.letter;
}

/** Step 2: the sheet, the header row, and a field for every column of the file, with its first cells shown. */
export function MappingStep({ inspect, choices, errors, busy, onChoose, onSheet, onHeaderRow, onSavePreset, onBack, onPreview }: MappingStepProps) {
  const { t } = useI18n();
  const id = useId();
  const [headerRow, setHeaderRow] = useState(String(inspect.headerRow));
  const [headerRowError, setHeaderRowError] = useState<string | null>(null);
  // A re-read (another sheet or header row) finds its own header row.
  useEffect(() => setHeaderRow(String(inspect.headerRow)), [inspect.headerRow, inspect.sheet]);
  const [presetName, setPresetName] = useState('');
  const [presetError, setPresetError] = useState<string | null>(null);

  const commitHeaderRow = (value: string) => {
    const row = Number(value);
    if (!/^\d+$/.test(value.trim()) || row > inspect.rowCount + inspect.headerRow) return setHeaderRowError(t('import.headerRowInvalid'));
    setHeaderRowError(null);
    if (row !== inspect.headerRow) onHeaderRow(row);
  };
  const mappingError = errors.mapping;
  const clashing = clashes(choices);
  const nameOf = (letter: string) => columnName(inspect.columns.find((c) => c.letter === letter) ?? { letter, header: null });
  return (
    <div class="import-mapping" data-testid="import-mapping-step">
      <p class="hint" data-testid="import-file-facts">
        {t('import.read', { format: inspect.format.toUpperCase(), rows: inspect.rowCount })}
        {inspect.encoding && inspect.delimiter && (
          <> {t('import.encoding', { encoding: inspect.encoding, delimiter: inspect.delimiter === '\t' ? 'TAB' : `“${inspect.delimiter}”` })}</>
        )}
      </p>
      <div class="form-row">
        {inspect.sheets.length > 1 && (
          <Field label={t('import.sheet')} error={errors.sheet} class="narrow">
            {(c) => (
              <select {...c} name="sheet" value={inspect.sheet ?? ''} onChange={(e) => onSheet(e.currentTarget.value)}>
                {inspect.sheets.map((sheet) => (
                  <option key={sheet} value={sheet}>
                    {sheet}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {/* A JSON file's rows are objects: their keys are the headers, there is no header row to choose. */}
        {inspect.format !== 'json' && (
          <Field label={t('import.headerRow')} error={headerRowError ?? errors.headerRow} hint={t('import.headerRowHint')} class="header-row-field">
            {(c) => (
              <input
                {...c}
                name="headerRow"
                type="number"
                min={0}
                step={1}
                value={headerRow}
                onInput={(e) => setHeaderRow(e.currentTarget.value)}
                onChange={(e) => commitHeaderRow(e.currentTarget.value)}
              />
            )}
          </Field>
        )}
      </div>
      {mappingError && (
        <p class="error-message" role="alert" id={`${id}-mapping-error`}>
          {mappingError}
        </p>
      )}
      {inspect.columns.length === 0 ? (
        <p class="notice" data-testid="import-no-columns">
          {t('import.noColumns')}
        </p>
      ) : (
        <>
          <p class="hint" id={`${id}-columns-hint`}>
            {t('import.columnsHint')}
          </p>
          <ScrollRegion label={t('import.columns')}>
            <table
              class="mapping-table"
              data-testid="mapping-table"
              aria-describedby={[`${id}-columns-hint`, mappingError ? `${id}-mapping-error` : ''].join(' ').trim()}
            >
              <caption>{t('import.columns')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.column')}</th>
                  <th scope="col">{t('import.header')}</th>
                  <th scope="col">{t('import.samples')}</th>
                  <th scope="col">{t('import.field')}</th>
                </tr>
              </thead>
              <tbody>
                {inspect.columns.map((column) => {
                  const field = choices[column.letter] ?? null;
                  const others = clashing[column.letter];
                  const clashId = `${id}-clash-${column.letter}`;
                  return (
                    <tr key={column.letter} data-column={column.letter} class={others ? 'clash' : field ? undefined : 'ignored'}>
                      <th scope="row" class="mono">
                        {column.letter}
                      </th>
                      <td>{column.header?.trim() ? column.header : <span class="hint">{t('import.noHeader')}</span>}</td>
                      <td class="samples">
                        {column.samples.slice(0, SAMPLES).map((sample, i) => (
                          <div key={i} class="sample">
                            {sample}
                          </div>
                        ))}
                      </td>
                      <td>
                        <select
                          name={`field-${column.letter}`}
                          aria-label={t('import.fieldFor', { column: columnName(column) })}
                          aria-invalid={others ? 'true' : undefined}
                          aria-describedby={others ? clashId : undefined}
                          value={field ?? ''}
                          onChange={(e) => onChoose(column.letter, (e.currentTarget.value || null) as MselField | null)}
                        >
                          <option value="">{t('import.ignore')}</option>
                          {MSEL_FIELDS.map((f) => (
                            <option key={f} value={f}>
                              {t(`mselField.${f}`)}
                            </option>
                          ))}
                        </select>
                        {others && (
                          // Not an alert: stepping through the options by keyboard passes clashes that are gone at the next key.
                          <small id={clashId} class="field-error">
                            {t('import.fieldTwice', { columns: others.map(nameOf).join(', ') })}
                          </small>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <form
        class="inline-form preset-save"
        noValidate
        data-testid="preset-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!presetName.trim()) return setPresetError(t('validation.required'));
          setPresetError(null);
          onSavePreset(presetName.trim());
        }}
      >
        <Field label={t('import.presetName')} error={presetError ?? errors.presetName}>
          {(c) => <input {...c} name="presetName" value={presetName} maxLength={100} onInput={(e) => setPresetName(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="btn">
          {t('import.savePreset')}
        </button>
      </form>
      <div class="form-actions">
        <button type="button" class="btn" onClick={onBack} disabled={busy}>
          {t('import.back')}
        </button>
        <button type="button" class="btn btn-primary" onClick={onPreview} disabled={busy} data-testid="import-preview">
          {busy ? t('import.previewing') : t('import.preview')}
        </button>
      </div>
    </div>
  );
}
