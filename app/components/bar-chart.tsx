/**
 * A small horizontal bar chart (recharts), exposed as one image whose label points to the
 * table under it: the same figures, which is what assistive technology reads.
 */
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";

export function SimpleBarChart({
  data,
  label,
  testId,
}: {
  data: { name: string; value: number }[];
  label: string;
  testId?: string;
}) {
  const height = Math.max(120, data.length * 34 + 40);
  return (
    <figure className="no-print overflow-x-auto" role="img" aria-label={label} data-testid={testId}>
      <BarChart
        width={640}
        height={height}
        data={data}
        layout="vertical"
        margin={{ left: 8, right: 24, top: 8, bottom: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fill: "#334155", fontSize: 12 }} />
        <YAxis type="category" dataKey="name" width={240} tick={{ fill: "#1e293b", fontSize: 12 }} />
        <Bar dataKey="value" fill="#1f6f57" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
