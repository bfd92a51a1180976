/** Small pieces shared by the needs register's pages. */
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";

const decimals = new Map<string, Intl.NumberFormat>();

/** A derived figure as the register shows it: at most two decimals, the locale's comma. */
export function formatScore(value: number, locale: string) {
  let f = decimals.get(locale);
  if (!f) decimals.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })));
  return f.format(value);
}

const STATUS_STYLE: Record<string, string> = {
  PROPOSED: "border-amber-700 bg-amber-50 text-amber-900",
  OPEN: "border-brand-700 bg-brand-50 text-brand-900",
  IN_PLAN: "border-emerald-800 bg-emerald-50 text-emerald-900",
  MERGED: "border-slate-500 bg-slate-100 text-slate-800",
  DISCARDED: "border-slate-500 bg-slate-100 text-slate-800",
};

/** A need's status as a labelled badge (the word carries the meaning, the colour only helps). */
export function NeedStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-semibold ${STATUS_STYLE[status] ?? ""}`}>
      {t(`needs.status.${status}`)}
    </span>
  );
}

/** The priority formula with the area's weights and number of comuni (spec PHASE2 §5.1). */
export function PriorityFormula({
  weights,
  comuni,
  area,
}: {
  weights: { impact: number; feasibility: number; sharing: number };
  comuni: number;
  area?: string;
}) {
  const { t, i18n } = useTranslation();
  const f = (v: number) => formatScore(v, i18n.language);
  return (
    <p className="text-sm">
      {area ? <span className="font-semibold">{area}: </span> : null}
      {t("needs.formula.priority", {
        impact: f(weights.impact),
        feasibility: f(weights.feasibility),
        sharing: f(weights.sharing),
      })}{" "}
      {t("needs.formula.sharing", { denominator: Math.max(1, comuni - 1), total: comuni })}
    </p>
  );
}

/** A labelled textarea with its hint and errors wired through aria-describedby. */
export function TextareaField({
  label,
  hint,
  errors,
  textareaProps,
  className,
}: {
  label: string;
  hint?: string;
  errors?: string[] | null;
  textareaProps: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; key?: string | null };
  className?: string;
}) {
  const { key, ...props } = textareaProps;
  const errorId = errors?.length ? `${props.id}-error` : undefined;
  const hintId = hint ? `${props.id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={props.id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <textarea
        key={key ?? undefined}
        rows={4}
        {...props}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 aria-[invalid]:border-red-700"
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** A 1–5 score as a radio group (fieldset and legend), with its hint and errors. */
export function ScoreRadios({
  name,
  legend,
  hint,
  errors,
  defaultValue,
}: {
  name: string;
  legend: string;
  hint?: string;
  errors?: string[] | null;
  defaultValue?: string;
}) {
  const errorId = errors?.length ? `${name}-error` : undefined;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
      <legend className="text-sm font-semibold text-slate-800">{legend}</legend>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="mt-1 flex flex-wrap gap-4">
        {["1", "2", "3", "4", "5"].map((v) => (
          <label key={v} className="flex items-center gap-1">
            <input type="radio" name={name} value={v} defaultChecked={defaultValue === v} className="h-4 w-4" />
            {v}
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}
