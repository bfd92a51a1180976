import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/i18n";
import { localeCookie } from "~/i18next.server";
import { badRequest, readForm, safeRedirect } from "~/utils/http.server";

const LanguageSchema = z.object({ lng: z.enum(SUPPORTED_LOCALES), redirectTo: z.string().max(500).optional() });

export async function loader() {
  return redirect("/");
}

/** Stores the chosen language in a cookie and goes back. */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: LanguageSchema });
  if (submission.status !== "success") badRequest({ lng: ["Lingua non supportata."] });
  return redirect(safeRedirect(submission.value.redirectTo, "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(submission.value.lng) },
  });
}
