/**
 * The one reader of multipart bodies (file uploads), on `@remix-run/multipart-parser`: it
 * reads `filename*` and names with `=` that Remix's `unstable_parseMultipartFormData` turned
 * into a 500 (docs/decisions/015-upload-parsing.md). A body it cannot read is a 400 page; a
 * file over the limit is a reply the form shows next to its file input.
 */
import {
  MaxFileSizeExceededError,
  MaxTotalSizeExceededError,
  parseMultipartRequest,
} from "@remix-run/multipart-parser";
import { unreadableBody } from "./http.server";
import { cleanFileName } from "./uploads.server";

export type MultipartLimits = {
  /** The largest file accepted, in bytes. */
  maxFileBytes: number;
  /** How many file parts the form may carry (an empty file input counts). Default 1. */
  maxFiles?: number;
  /** How many parts in all, fields and files. Default 50. */
  maxParts?: number;
  /** The largest text field, in bytes. Default 256 KiB. */
  maxFieldBytes?: number;
};

export type MultipartForm = { ok: true; formData: FormData } | { ok: false; tooLarge: true; message: string };

const KIB = 1024;
const MIB = 1024 * KIB;
/** Room for the part headers and boundaries around the contents. */
const ENVELOPE_BYTES = 64 * KIB;
/**
 * How much of a refused body is still read and thrown away so the client, which is still
 * sending, gets the answer. Past this the connection is closed: a browser then shows a
 * network error, which is fair for a body this far over any limit.
 */
const DRAIN_BYTES = 64 * MIB;

/** Is this request a multipart body (a form with a file input)? */
export function isMultipart(request: Request): boolean {
  return request.headers.get("Content-Type")?.toLowerCase().startsWith("multipart/form-data") ?? false;
}

/**
 * Reads a `multipart/form-data` body into a FormData whose files are `File`s with a cleaned
 * name (`cleanFileName`). A file (or the whole body) over the limits gives
 * `{ ok: false, tooLarge, message }`, after the rest of the body has been read and thrown
 * away; a body that is not multipart, has no boundary, is truncated or malformed, or has too
 * many parts throws a 400 with an Italian message (`unreadableBody`).
 */
export async function readMultipartForm(request: Request, limits: MultipartLimits): Promise<MultipartForm> {
  const maxFiles = limits.maxFiles ?? 1;
  const maxParts = limits.maxParts ?? 50;
  const maxFieldBytes = limits.maxFieldBytes ?? 256 * KIB;
  const maxTotalBytes = limits.maxFileBytes * maxFiles + maxFieldBytes * 4;
  const tooLarge = {
    ok: false,
    tooLarge: true,
    message: `Il file supera la dimensione massima di ${formatMegabytes(limits.maxFileBytes)} MB.`,
  } as const;

  if (!isMultipart(request)) {
    await drain(request);
    unreadableBody(request, "not multipart/form-data");
  }
  // A declared length past every limit is refused before a byte is parsed.
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > maxTotalBytes + ENVELOPE_BYTES) {
    await drain(request);
    return tooLarge;
  }

  const formData = new FormData();
  let files = 0;
  try {
    for await (const part of parseMultipartRequest(request, {
      maxFileSize: limits.maxFileBytes,
      maxTotalSize: maxTotalBytes,
      maxParts,
    })) {
      const name = part.name;
      if (!name) continue;
      if (part.isFile) {
        if (++files > maxFiles) throw new Error(`more than ${maxFiles} file(s)`);
        const type = part.mediaType ?? "application/octet-stream";
        formData.append(name, new File([part.arrayBuffer], cleanFileName(part.filename ?? ""), { type }));
      } else {
        if (part.size > maxFieldBytes) throw new Error(`field ${name.slice(0, 40)} over ${maxFieldBytes} bytes`);
        // `text` refuses bytes that are not UTF-8 (a TypeError): that is an unreadable body too.
        formData.append(name, part.text);
      }
    }
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError || error instanceof MaxTotalSizeExceededError) {
      await drain(request);
      return tooLarge;
    }
    // NOTE: everything else here is the body's fault — a truncated stream, a missing boundary,
    // headers that are not UTF-8, too many parts — or a client that went away mid-upload.
    await drain(request);
    unreadableBody(request, error);
  }
  return { ok: true, formData };
}

/**
 * Reads what is left of the body and throws it away. Answering while the client is still
 * sending, with the body unread, makes Node's adapter destroy the socket when the stream is
 * cancelled: the browser shows "connection reset" instead of the 400.
 */
async function drain(request: Request) {
  if (!request.body || request.body.locked) return;
  const reader = request.body.getReader();
  let read = 0;
  try {
    while (read <= DRAIN_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nobody is left to answer.
  } finally {
    reader.releaseLock();
  }
}

function formatMegabytes(bytes: number) {
  return Number((bytes / MIB).toFixed(1)).toLocaleString("it-IT");
}
