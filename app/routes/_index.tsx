import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/access/guards.server";
import { homeFor } from "~/access/capabilities";

/** Each role lands on its own home. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  throw redirect(homeFor(user.roles));
}
