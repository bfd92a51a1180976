/**
 * Reads an assessment framework file (content/assessment/<code>.yml) with the YAML library
 * the content sync uses. It lives here, not in app/domain, because the domain imports zod
 * only (eslint.config.js); the checks themselves are pure, in
 * app/domain/assessment-content-schema.ts.
 */
import YAML from "yaml";
import { checkAssessmentFramework, type AssessmentParseResult } from "~/domain/assessment-content-schema";

/** Parses and validates a framework file; each problem names the file and the field. */
export function parseAssessmentFramework(yamlText: string, fileName: string): AssessmentParseResult {
  let raw: unknown;
  try {
    raw = YAML.parse(yamlText);
  } catch (error) {
    // The library's message ends with an excerpt of the file; the first line has the position.
    const reason = error instanceof Error ? error.message.split("\n")[0].replace(/:$/, "") : String(error);
    return { ok: false, problems: [{ file: fileName, field: "(file)", reason: `YAML non valido: ${reason}` }] };
  }
  return checkAssessmentFramework(raw, fileName);
}
