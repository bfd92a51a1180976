import { useTranslation } from "react-i18next";

/** The platforms' own spelling (proper names: the same in both languages). */
export const PLATFORM_NAMES: Record<string, string> = {
  spid: "SPID",
  cie: "CIE",
  anpr: "ANPR",
  pagopa: "pagoPA",
  io: "App IO",
  pdnd: "PDND",
  send: "SEND",
};

/** Colours only help: every badge carries its word (WCAG 1.4.1). */
const BADGE = "inline-block rounded border px-1.5 py-0.5 text-xs font-semibold";

const KIND_STYLE: Record<string, string> = {
  SOFTWARE: "border-sky-700 bg-sky-50 text-sky-900",
  GOOD_PRACTICE: "border-violet-700 bg-violet-50 text-violet-900",
  NATIONAL_PLATFORM: "border-emerald-700 bg-emerald-50 text-emerald-900",
  SERVICE: "border-slate-600 bg-slate-50 text-slate-900",
  OTHER: "border-slate-600 bg-slate-50 text-slate-900",
};

const CONFORMANCE_STYLE: Record<string, string> = {
  VALID: "border-emerald-700 bg-emerald-50 text-emerald-900",
  VALID_WITH_WARNINGS: "border-amber-700 bg-amber-50 text-amber-900",
  INVALID: "border-red-700 bg-red-50 text-red-900",
};

const MAINTENANCE_STYLE: Record<string, string> = {
  ACTIVE_CONTRACT: "border-emerald-700 bg-emerald-50 text-emerald-900",
  EXPIRED_CONTRACT: "border-red-700 bg-red-50 text-red-900",
  COMMUNITY: "border-sky-700 bg-sky-50 text-sky-900",
  INTERNAL: "border-sky-700 bg-sky-50 text-sky-900",
  NONE: "border-amber-700 bg-amber-50 text-amber-900",
};

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <span className={`${BADGE} ${KIND_STYLE[kind] ?? ""}`}>{t(`catalogue.kind.${kind}`)}</span>;
}

export function OriginBadge({ origin }: { origin: string }) {
  const { t } = useTranslation();
  return <span className={`${BADGE} border-slate-600 bg-white text-slate-900`}>{t(`catalogue.origin.${origin}`)}</span>;
}

export function ConformanceBadge({ conformance }: { conformance: string | null }) {
  const { t } = useTranslation();
  if (!conformance) return null;
  return (
    <span className={`${BADGE} ${CONFORMANCE_STYLE[conformance] ?? ""}`}>
      {t(`catalogue.conformance.${conformance}`)}
    </span>
  );
}

export function MaintenanceBadge({ maintenance }: { maintenance: string | null }) {
  const { t } = useTranslation();
  if (!maintenance) return <span className="text-xs text-slate-700">{t("catalogue.maintenance.UNKNOWN")}</span>;
  return (
    <span className={`${BADGE} ${MAINTENANCE_STYLE[maintenance] ?? ""}`}>
      {t(`catalogue.maintenance.${maintenance}`)}
    </span>
  );
}

export function LicenceBadge({ licence, osi }: { licence: string | null; osi: boolean | null }) {
  const { t } = useTranslation();
  if (!licence) return <span className="text-xs text-slate-700">{t("catalogue.licence.none")}</span>;
  return (
    <span className={`${BADGE} border-slate-600 bg-white font-mono text-slate-900`}>
      {licence}
      {osi === true ? ` · ${t("catalogue.licence.osi")}` : osi === false ? ` · ${t("catalogue.licence.notOsi")}` : ""}
    </span>
  );
}
