/**
 * A table whose sorting, filtering and paging live in the URL and are done by the
 * database (docs/architecture.md, "House rules"). TanStack Table renders headers and cells; every control
 * is a plain link, so the table works without JavaScript.
 */
import { Link, useLocation } from "@remix-run/react";
import { tableFeatures, useTable, type ColumnDef, type RowData } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { PAGE_SIZES } from "~/domain/table-params";

// v9: features are declared once at module scope. Sorting and paging are the server's
// job, so no client row model is registered.
export const dataTableFeatures = tableFeatures({});
export type DataTableColumn<TData extends RowData> = ColumnDef<typeof dataTableFeatures, TData, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type DataTableState = { sort: string; dir: "asc" | "desc"; page: number; size: number; total: number };

type Props<TData extends RowData> = {
  caption: string;
  columns: DataTableColumn<TData>[];
  data: TData[];
  /** column ids the server can sort by */
  sortable: readonly string[];
  state: DataTableState;
  getRowId?: (row: TData) => string;
  testId?: string;
};

function useHref() {
  const location = useLocation();
  return (changes: Record<string, string | number>) => {
    const params = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) params.set(k, String(v));
    return `${location.pathname}?${params.toString()}`;
  };
}

export function DataTable<TData extends RowData>({
  caption,
  columns,
  data,
  sortable,
  state,
  getRowId,
  testId,
}: Props<TData>) {
  const { t } = useTranslation();
  const href = useHref();
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: getRowId ? (row) => getRowId(row) : undefined,
  });
  const pages = Math.max(1, Math.ceil(state.total / state.size));

  return (
    <div>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-100 text-left">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const id = header.column.id;
                  const active = state.sort === id;
                  const canSort = sortable.includes(id);
                  const nextDir = active && state.dir === "asc" ? "desc" : "asc";
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className="px-3 py-2 font-semibold text-slate-800"
                      aria-sort={active ? (state.dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {header.isPlaceholder ? null : canSort ? (
                        <Link
                          to={href({ sort: id, dir: nextDir, page: 1 })}
                          className="inline-flex items-center gap-1 underline decoration-dotted underline-offset-4 hover:text-brand-700"
                          data-testid={`sort-${id}`}
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true">{active ? (state.dir === "asc" ? "▲" : "▼") : "↕"}</span>
                          <span className="sr-only">
                            {active ? t(state.dir === "asc" ? "table.sortedAsc" : "table.sortedDesc") : ""},{" "}
                            {t(nextDir === "asc" ? "table.sortAsc" : "table.sortDesc")}
                          </span>
                        </Link>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-700">
                  {t("table.empty")}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} className="hover:bg-brand-50">
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className="px-3 py-2 align-top">
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label={t("table.pagination")} className="mt-3 flex flex-wrap items-center gap-3 text-sm">
        {state.page > 1 ? (
          <Link
            to={href({ page: state.page - 1 })}
            className="rounded border border-slate-400 bg-white px-3 py-1"
            rel="prev"
          >
            {t("table.prev")}
          </Link>
        ) : null}
        <span data-testid="table-page">{t("table.page", { page: state.page, pages })}</span>
        {state.page < pages ? (
          <Link
            to={href({ page: state.page + 1 })}
            className="rounded border border-slate-400 bg-white px-3 py-1"
            rel="next"
          >
            {t("table.next")}
          </Link>
        ) : null}
        <span className="ml-auto flex items-center gap-1">
          {t("table.perPage")}:
          {PAGE_SIZES.map((s) =>
            s === state.size ? (
              <span key={s} className="rounded bg-brand-700 px-2 py-0.5 font-semibold text-white" aria-current="true">
                {s}
              </span>
            ) : (
              <Link key={s} to={href({ size: s, page: 1 })} className="rounded px-2 py-0.5 underline">
                {s}
              </Link>
            ),
          )}
        </span>
      </nav>
    </div>
  );
}
