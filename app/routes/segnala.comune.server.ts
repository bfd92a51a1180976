// The comune of a /segnala/:istat URL, for the form and the published list beside it.
import { findCitizenComune } from "~/models/citizen-public.server";
import { notFound } from "~/utils/http.server";

/** The comune of the URL: an ISTAT code is six digits; anything else, or a comune that takes no requests, is a 404. */
export async function requireCitizenComune(istat: string | undefined) {
  if (!istat || !/^\d{6}$/.test(istat)) notFound("Comune non trovato.");
  return (await findCitizenComune(istat)) ?? notFound("Comune non trovato.");
}
