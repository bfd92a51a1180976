import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/i18n";
import { localeCookie } from "~/i18next.server";
import { safeRedirect } from "~/utils/auth.server";

const LanguageSchema = z.object({ lng: z.enum(SUPPORTED_LOCALES), redirectTo: z.string().max(500).optional() });

export async function loader() {
  return redirect("/");
}

/** Stores the chosen language in a cookie and goes back. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Lingua non supportata.", { status: 400 });
  return redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.lng) },
  });
}
