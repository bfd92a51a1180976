import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import i18n from "~/i18n";
import { resources } from "~/locales";

/** The chosen language, remembered for a year. Not personal data: no consent needed. */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: i18n.supportedLngs,
    fallbackLanguage: i18n.fallbackLng,
    cookie: localeCookie,
  },
  i18next: { ...i18n, resources },
});

export default i18next;
