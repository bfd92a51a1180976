/**
 * The body of a small public form, read with a size limit (spec PHASE2 §5.2: the citizens'
 * form has a body size limit). Remix reads a body whole; a client that sends megabytes to a
 * form of a few fields is refused with a 413 once the limit is passed, before parsing.
 */
import { data } from "@remix-run/node";
import { readForm, unreadableBody } from "./http.server";

const TOO_LARGE = "Il modulo inviato è troppo lungo: accorcia il testo e riprova.";

/** The form of a POST whose body is at most `maxBytes` (413 past it; 400 when unreadable). */
export async function readSmallForm(request: Request, maxBytes: number): Promise<FormData> {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw data({ message: TOO_LARGE }, { status: 413 });
  if (!request.body) return readForm(request);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw data({ message: TOO_LARGE }, { status: 413 });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error && typeof error === "object" && "type" in error) throw error;
    // A stream that breaks off is the client's: the same 400 as any unreadable body.
    unreadableBody(request, error);
  }
  const headers = new Headers(request.headers);
  headers.delete("Content-Length");
  return readForm(new Request(request.url, { method: "POST", headers, body: Buffer.concat(chunks) }));
}
