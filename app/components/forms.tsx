import type { SubmissionResult } from "@conform-to/react";
import { useId } from "react";

export type ListOfErrors = Array<string | null | undefined> | null | undefined;

/**
 * The errors of a form reply (Conform's `SubmissionResult`, the one error shape of every
 * action), by field name; "" holds the errors of the whole form.
 */
export function errorsOf(result: SubmissionResult<string[]> | null | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(result?.error ?? {})) if (list?.length) out[name] = list;
  return out;
}

/** Errors of one field (or of the form), announced to screen readers. */
export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const list = errors?.filter(Boolean);
  if (!list?.length) return null;
  // The alert role sits on a wrapper: on the list itself it would hide the list semantics.
  return (
    <div id={id} role="alert" className="mt-1 text-sm font-medium text-red-700">
      <ul className="space-y-0.5">
        {list.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </div>
  );
}

type FieldProps = {
  label: string;
  hint?: string;
  errors?: ListOfErrors;
  inputProps: React.InputHTMLAttributes<HTMLInputElement> & { key?: string | null };
  className?: string;
};

/** A labelled input with its hint and errors wired through aria-describedby. */
export function Field({ label, hint, errors, inputProps, className }: FieldProps) {
  const fallbackId = useId();
  const { key, ...props } = inputProps;
  const id = props.id ?? fallbackId;
  const errorId = errors?.some(Boolean) ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        key={key ?? undefined}
        id={id}
        {...props}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 aria-[invalid]:border-red-700"
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

type SelectFieldProps = {
  label: string;
  errors?: ListOfErrors;
  selectProps: React.SelectHTMLAttributes<HTMLSelectElement> & { key?: string | null };
  options: { value: string; label: string }[];
  className?: string;
};

/** A labelled select with its errors. */
export function SelectField({ label, errors, selectProps, options, className }: SelectFieldProps) {
  const fallbackId = useId();
  const { key, ...props } = selectProps;
  const id = props.id ?? fallbackId;
  const errorId = errors?.some(Boolean) ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      <select
        key={key ?? undefined}
        id={id}
        {...props}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export const buttonClass =
  "inline-flex items-center justify-center rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60";

/** A labelled select of a GET filter form; the empty choice means "all". */
export function FilterSelect({
  id,
  name,
  label,
  value,
  allLabel,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | number | undefined;
  allLabel: string;
  options: { value: string | number; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={value ?? ""}
        className="mt-1 max-w-xs rounded border border-slate-400 bg-white px-3 py-2"
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
