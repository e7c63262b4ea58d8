import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { SearchBox, upsert } from './admin-form';

/** What a list page gives its rows and its form: the entry to show and how to put a changed one in the list. */
export interface ListContext<T> {
  replace: (item: T) => void;
  fail: (error: unknown) => void;
  edit: (item: T) => void;
}

/**
 * One list of the admin console: loaded once, filtered by the search box, a "new" button over it and one form
 * (new or edit) at a time. `load` answering null: the route is not on this server yet.
 */
export function AdminList<T>({
  testId,
  title,
  addLabel,
  load,
  keyOf,
  matches,
  headers,
  row,
  form,
}: {
  testId: string;
  title: string;
  addLabel: string;
  load: () => Promise<T[] | null>;
  keyOf: (item: T) => string;
  matches: (item: T, search: string) => boolean;
  headers: string[];
  row: (item: T, context: ListContext<T>) => ComponentChildren;
  /** The form, for `editing` (null: a new entry); `done` closes it, with the saved entry when there is one. */
  form: (editing: T | null, done: (saved?: T) => void) => ComponentChildren;
}) {
  const { t } = useI18n();
  const [items, setItems] = useState<T[] | null | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(null);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<{ editing: T | null } | null>(null);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    load().then(setItems, setFailure);
  }, []);
  const replace = (item: T) => setItems((list) => upsert(list ?? [], item, keyOf));
  const context: ListContext<T> = {
    replace: (item) => {
      replace(item);
      setNotice(t('common.saved'));
    },
    fail: setFailure,
    edit: (item) => {
      setNotice('');
      setOpen({ editing: item });
    },
  };
  const done = (saved?: T) => {
    const opener = open?.editing ? null : document.querySelector<HTMLElement>(`[data-testid=${testId}-add]`);
    setOpen(null);
    if (saved) {
      replace(saved);
      setNotice(t('common.saved'));
    }
    opener?.focus();
  };
  const shown = (items ?? []).filter((item) => matches(item, search.trim()));
  return (
    <section class="panel" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <div class="panel-head">
        <h2 id={`${testId}-title`}>{title}</h2>
        {items !== null && (
          <button
            type="button"
            class="btn btn-primary"
            data-testid={`${testId}-add`}
            onClick={() => {
              setNotice('');
              setOpen({ editing: null });
            }}
          >
            {addLabel}
          </button>
        )}
      </div>
      <ErrorMessage error={failure} />
      <p role="status" class="status-message">
        {notice}
      </p>
      {open && form(open.editing, done)}
      {items === undefined && !failure && <Loading />}
      {items === null && <p class="empty">{t('admin.notAvailable')}</p>}
      {items && (
        <>
          <SearchBox label={t('admin.search')} value={search} onInput={setSearch} />
          {shown.length === 0 ? (
            <p class="empty">{t('admin.noneMatch')}</p>
          ) : (
            <table class="list-table compact">
              <thead>
                <tr>
                  {headers.map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>{shown.map((item) => row(item, context))}</tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
