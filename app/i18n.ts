/** i18next settings shared by server and browser. Italian first, English second. */
export const SUPPORTED_LOCALES = ["it", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export default {
  supportedLngs: [...SUPPORTED_LOCALES],
  fallbackLng: "it",
  defaultNS: "common",
  interpolation: { escapeValue: false }, // React escapes already
  react: { useSuspense: false },
};
