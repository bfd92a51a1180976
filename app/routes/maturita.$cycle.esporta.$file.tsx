import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/access/guards.server";
import { parseId } from "~/domain/ids";
import { answersSheet, profilesSheet } from "~/models/assessment-exports.server";
import { csvStream, downloadResponse, xlsxStream } from "~/utils/export.server";
import { notFound } from "~/utils/http.server";

const FILES = /^(risposte|profili)\.(csv|xlsx)$/;

/**
 * Exports of a cycle, over the assessments the user may read (a referent: their comune's):
 * risposte.csv|xlsx (every item with its effective score) and profili.csv|xlsx (each
 * comune by dimension, with the area median). CSV with BOM and `;`.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireCapability(request, "assessment:read:phase2");
  const cycleId = parseId(params.cycle) ?? notFound();
  const match = FILES.exec(params.file ?? "") ?? notFound();
  const [, what, kind] = match as unknown as [string, "risposte" | "profili", "csv" | "xlsx"];
  const result = (await (what === "risposte" ? answersSheet : profilesSheet)({ scope, cycleId })) ?? notFound();
  const name = `${what}-rilevazione-${cycleId}-${new Date().toISOString().slice(0, 10)}`;
  const sheet = result.sheet as Parameters<typeof csvStream>[0];
  return kind === "csv"
    ? downloadResponse(csvStream(sheet), name, "csv")
    : downloadResponse(xlsxStream([sheet]), name, "xlsx");
}
