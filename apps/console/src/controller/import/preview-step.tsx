import type { CommandPostView, ImportInspectView, ImportPreviewView } from '@excon/contracts';
import { formatScenarioTime } from '../../common/time';
import { PrecedenceBadge, ScrollRegion } from '../../common/ui';
import { useI18n, type Translate } from '../../i18n/i18n';
import type { CellError, RowErrors } from './import-errors';

export interface PreviewStepProps {
  preview: ImportPreviewView | null;
  rowErrors: RowErrors[];
  inspect: ImportInspectView | null;
  posts: CommandPostView[];
  /** The scenario a new version is saved to, or null for a new scenario. */
  versionOf: string | null;
  busy: boolean;
  onBack: () => void;
  onChooseFile: () => void;
  onCommit: () => void;
}

/** `column C «Время»`: the header from the server's text, else from the inspected columns. */
function cellPlace(t: Translate, cell: CellError, inspect: ImportInspectView | null): string {
  if (!cell.column) return '';
  const header = cell.header ?? inspect?.columns.find((c) => c.letter === cell.column)?.header?.trim() ?? '';
  return header ? t('import.errorColumn', { letter: cell.column, header }) : t('import.errorColumnLetter', { letter: cell.column });
}

/** Step 3: the warnings, then either every bad cell by row or the injects the import would create, and the commit. */
export function PreviewStep({ preview, rowErrors, inspect, posts, versionOf, busy, onBack, onChooseFile, onCommit }: PreviewStepProps) {
  const { t } = useI18n();
  const codes = new Map(posts.map((p) => [p.id, p.code]));
  const warnings = [
    ...(preview?.warnings ?? []),
    ...(preview?.unmapped.length ? [t('import.unmapped', { columns: preview.unmapped.join(', ') })] : []),
  ];
  const back = (
    <button type="button" class="btn" onClick={onBack} disabled={busy}>
      {rowErrors.length ? t('import.backToMapping') : t('import.back')}
    </button>
  );

  if (rowErrors.length) {
    return (
      <div class="import-preview" data-testid="import-errors">
        <h3 id="import-errors-heading">{t('import.errorsHeading', { count: rowErrors.length })}</h3>
        <p class="hint">{t('import.errorsHint')}</p>
        <ul class="import-errors" aria-labelledby="import-errors-heading">
          {rowErrors.map(({ row, cells }) => (
            <li key={row} class="error-row" data-row={row}>
              <ul>
                {cells.map((cell, i) => {
                  const place = cellPlace(t, cell, inspect);
                  return (
                    <li key={i} tabIndex={0} class="error-cell" data-row={row} data-column={cell.column ?? undefined}>
                      <strong>{t('import.errorRow', { row })}</strong>
                      {place && <> — {place}</>}: {cell.message}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
        <div class="form-actions">
          {back}
          <button type="button" class="btn" onClick={onChooseFile}>
            {t('import.chooseAnother')}
          </button>
        </div>
      </div>
    );
  }
  if (!preview) return null;

  const { scenario } = preview;
  return (
    <div class="import-preview" data-testid="import-preview-step">
      <p>
        <strong data-testid="import-preview-title">{scenario.title}</strong> · {t(`language.${scenario.language}`)} ·{' '}
        {t('import.objectives', { count: scenario.objectives.length })}
      </p>
      {warnings.length > 0 && (
        <section class="import-warnings" aria-labelledby="import-warnings-heading" data-testid="import-warnings">
          <h3 id="import-warnings-heading">{t('import.warnings')}</h3>
          <ul>
            {warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </section>
      )}
      <h3>
        {t('import.injects')} <span class="count">{scenario.injects.length}</span>
      </h3>
      <ScrollRegion label={t('import.injects')}>
        <table class="msel-table" data-testid="import-preview-table">
          <caption class="visually-hidden">{t('import.injects')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.row')}</th>
              <th scope="col">{t('inject.ref')}</th>
              <th scope="col">{t('inject.offsetShort')}</th>
              <th scope="col">{t('inject.titleShort')}</th>
              <th scope="col">{t('inject.targets')}</th>
              <th scope="col">{t('inject.precedence')}</th>
            </tr>
          </thead>
          <tbody>
            {scenario.injects.map((inject, i) => (
              <tr key={`${inject.ref}-${i}`} data-ref={inject.ref}>
                <td class="mono">{preview.rows[i] ?? ''}</td>
                <td class="mono">
                  {inject.ref}
                  {inject.contingency && <span class="tag">{t('inject.contingencyShort')}</span>}
                </td>
                <td class="mono">{formatScenarioTime(inject.offsetSeconds)}</td>
                <td class="title-cell">{inject.title}</td>
                <td class="targets-cell">{inject.targets.map((id) => codes.get(id) ?? id).join(', ')}</td>
                <td>
                  <PrecedenceBadge precedence={inject.precedence ?? 'routine'} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <div class="form-actions">
        {back}
        <button type="button" class="btn btn-primary" onClick={onCommit} disabled={busy} data-testid="import-commit">
          {busy ? t('import.committing') : versionOf ? t('import.saveVersion', { title: versionOf }) : t('import.create')}
        </button>
      </div>
    </div>
  );
}
