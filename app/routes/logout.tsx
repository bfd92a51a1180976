import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroySession } from "~/utils/session.server";

// No state change on GET: logging out is a POST.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const clear = await destroySession(request);
  return redirect("/login?uscito=1", { headers: { "Set-Cookie": clear } });
}
