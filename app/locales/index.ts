import en from "./en.json";
import it from "./it.json";

/** Both locales are small, so they ship in the bundle: no extra request on slow links. */
export const resources = { it: { common: it }, en: { common: en } } as const;
