// The console's tables: sort by any column (a button in its header, aria-sort says which way),
// search over the text columns, and pages of 25 rows.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface Column<Row> {
  key: string;
  label: string;
  value: (row: Row) => string | number;
  render?: (row: Row) => ComponentChildren;
  numeric?: boolean;
  /** Buttons and the like: nothing to sort or search by. */
  actions?: boolean;
}

interface DataTableProps<Row> {
  caption: string;
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  searchLabel?: string;
  /** What an empty table says; "Nothing here." by default. */
  emptyText?: string;
  pageSize?: number;
}

export function DataTable<Row>({ caption, rows, columns, rowKey, searchLabel, emptyText = 'Nothing here.', pageSize = 25 }: DataTableProps<Row>) {
  const [sort, setSort] = useState<{ key: string; descending: boolean } | undefined>(undefined);
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);

  const needle = query.trim().toLowerCase();
  const found = needle ? rows.filter((row) => columns.some((c) => !c.actions && String(c.value(row)).toLowerCase().includes(needle))) : rows;
  const column = columns.find((c) => c.key === sort?.key);
  const sorted = column
    ? [...found].sort((a, b) => {
        const [x, y] = [column.value(a), column.value(b)];
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return sort?.descending ? -order : order;
      })
    : found;
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = sorted.slice(current * pageSize, (current + 1) * pageSize);

  return (
    <div class="data-table">
      {searchLabel && (
        <label class="table-search">
          {searchLabel}
          <input
            type="search"
            value={query}
            onInput={(e) => {
              setQuery(e.currentTarget.value);
              setPage(0);
            }}
          />
        </label>
      )}
      <div class="table-scroll">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  class={c.numeric ? 'numeric' : undefined}
                  aria-sort={sort?.key === c.key ? (sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  {c.actions ? (
                    c.label
                  ) : (
                    <button type="button" class="sort" onClick={() => setSort({ key: c.key, descending: sort?.key === c.key && !sort.descending })}>
                      {c.label}
                      <span aria-hidden="true">{sort?.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.key} class={c.numeric ? 'numeric' : undefined} data-label={c.label}>
                    {c.render ? c.render(row) : c.value(row)}
                  </td>
                ))}
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={columns.length}>{needle ? 'Nothing matches that search.' : emptyText}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav class="pager" aria-label={`${caption}: pages`}>
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </button>
          <span>
            Page {current + 1} of {pages}
          </span>
          <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
