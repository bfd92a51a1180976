/** A small read-only table of figures: a caption, column headers, one header cell per row. */
export type FigureColumn = { label: string; numeric?: boolean };
export type FigureRow = { key: string | number; cells: React.ReactNode[] };

export function FigureTable({
  caption,
  columns,
  rows,
  testId,
}: {
  caption: string;
  columns: FigureColumn[];
  rows: FigureRow[];
  testId?: string;
}) {
  const align = (c: FigureColumn | undefined) => (c?.numeric ? "text-right" : "text-left");
  return (
    // Focusable so keyboard users can scroll a table wider than the screen (WCAG 2.1.1).
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm" tabIndex={0} role="region" aria-label={caption}>
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={`px-3 py-2 font-semibold ${align(c)}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="px-3 py-2 text-left font-medium">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={`px-3 py-2 ${align(columns[i])}`}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
