import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const OUTCOMES = ["lesson", "quiz-passed", "quiz-failed", "lab", "survey", "checkin", "checkin-again"] as const;

/** The message of a completed action (Post/Redirect/Get: `?esito=…`). */
export function Outcome() {
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const key = params.get("esito");
  if (!key || !(OUTCOMES as readonly string[]).includes(key)) return null;
  const bad = key === "quiz-failed";
  return (
    <p
      role="status"
      className={`rounded border p-3 ${bad ? "border-amber-700 bg-amber-50" : "border-brand-600 bg-brand-50"}`}
      data-testid="outcome"
    >
      {t(`unitPage.done.${key}`)}
    </p>
  );
}
