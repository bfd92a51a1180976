/**
 * A radar of scores 0–4 on a few axes, drawn as plain SVG on the server (no script, prints
 * as is): one filled polygon per series, a dashed one for the reference. It is one image
 * whose description points to the table beside it, which carries the same figures.
 */
type Series = { label: string; values: (number | null)[] };

const SIZE = 360;
const CENTRE = SIZE / 2;
const RADIUS = 120;
const MAX = 4;

function point(axis: number, count: number, value: number) {
  const angle = -Math.PI / 2 + (2 * Math.PI * axis) / count;
  const r = (RADIUS * value) / MAX;
  return [CENTRE + r * Math.cos(angle), CENTRE + r * Math.sin(angle)] as const;
}

const polygon = (values: (number | null)[]) =>
  values
    .map((v, i) =>
      point(i, values.length, v ?? 0)
        .map((n) => n.toFixed(1))
        .join(","),
    )
    .join(" ");

export function RadarChart({
  axes,
  series,
  reference,
  title,
  description,
  testId,
}: {
  axes: string[];
  series: Series;
  reference: Series;
  title: string;
  description: string;
  testId?: string;
}) {
  const id = testId ?? "radar";
  return (
    <figure className="max-w-md">
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="h-auto w-full"
        data-testid={testId}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {[1, 2, 3, 4].map((ring) => (
          <polygon key={ring} points={polygon(axes.map(() => ring))} fill="none" stroke="#cbd5e1" strokeWidth={1} />
        ))}
        {axes.map((label, i) => {
          const [x, y] = point(i, axes.length, MAX);
          const [lx, ly] = point(i, axes.length, MAX + 0.55);
          return (
            <g key={label}>
              <line x1={CENTRE} y1={CENTRE} x2={x} y2={y} stroke="#cbd5e1" strokeWidth={1} />
              <text x={lx} y={ly} textAnchor="middle" dominantBaseline="middle" fontSize={13} fill="#1e293b">
                {label}
              </text>
            </g>
          );
        })}
        <polygon
          points={polygon(reference.values)}
          fill="none"
          stroke="#7c2d12"
          strokeWidth={2}
          strokeDasharray="6 4"
        />
        <polygon points={polygon(series.values)} fill="#1f6f57" fillOpacity={0.25} stroke="#1f6f57" strokeWidth={2.5} />
        {series.values.map((v, i) => {
          if (v === null) return null;
          const [x, y] = point(i, axes.length, v);
          return <circle key={i} cx={x} cy={y} r={3.5} fill="#1f6f57" />;
        })}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-sm">
        <span>
          <svg width="24" height="10" aria-hidden="true" className="mr-1 inline">
            <line x1="0" y1="5" x2="24" y2="5" stroke="#1f6f57" strokeWidth="3" />
          </svg>
          {series.label}
        </span>
        <span>
          <svg width="24" height="10" aria-hidden="true" className="mr-1 inline">
            <line x1="0" y1="5" x2="24" y2="5" stroke="#7c2d12" strokeWidth="2" strokeDasharray="6 4" />
          </svg>
          {reference.label}
        </span>
      </figcaption>
    </figure>
  );
}
