import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RootLoaderData } from "~/root";

/** Top bar: skip link, role-aware navigation, language switch, logout. Works without JS. */
export function SiteHeader({ user, locale }: { user: RootLoaderData["user"]; locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="no-print border-b border-brand-800 bg-brand-700 text-white">
      <a
        href="#contenuto"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
      >
        {t("skip")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link to="/" className="text-lg font-bold tracking-tight">
          {t("app.name")}
        </Link>
        {user ? (
          <nav aria-label={t("nav.label")} className="flex-1">
            <ul className="flex flex-wrap gap-1">
              {user.navigation.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    className={({ isActive }) =>
                      `block rounded px-3 py-1.5 text-sm font-medium ${isActive ? "bg-white text-brand-800" : "hover:bg-brand-800"}`
                    }
                  >
                    {t(item.labelKey)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : (
          <div className="flex-1" />
        )}
        <Form method="post" action="/lingua" className="flex items-center gap-1 text-sm">
          <input type="hidden" name="redirectTo" value={here} />
          <label htmlFor="lng" className="sr-only">
            {t("language.label")}
          </label>
          <select
            id="lng"
            name="lng"
            defaultValue={locale}
            className="rounded border border-white/40 bg-brand-800 px-2 py-1 text-white"
          >
            <option value="it">{t("language.it")}</option>
            <option value="en">{t("language.en")}</option>
          </select>
          <button type="submit" className="rounded border border-white/40 px-2 py-1 hover:bg-brand-800">
            {t("language.change")}
          </button>
        </Form>
        {user ? (
          <div className="flex items-center gap-3 text-sm">
            <span>{t("nav.signedInAs", { name: user.name })}</span>
            <Form method="post" action="/logout">
              <button
                type="submit"
                className="rounded bg-white px-3 py-1.5 font-semibold text-brand-800 hover:bg-brand-50"
              >
                {t("nav.logout")}
              </button>
            </Form>
          </div>
        ) : (
          <Link to="/login" className="rounded bg-white px-3 py-1.5 text-sm font-semibold text-brand-800">
            {t("nav.login")}
          </Link>
        )}
      </div>
    </header>
  );
}
