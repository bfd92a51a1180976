/**
 * Lab deliverables: size-capped, type-checked by content (magic bytes, not the name the
 * browser sends), stored outside public/ under UPLOADS_DIR with a random name, served
 * only through a guarded route (docs/security.md, "Uploaded files").
 */
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { encodeExtended } from "content-disposition";
import { fileTypeFromBuffer } from "file-type";
import { getEnv } from "./env.server";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const ALLOWED_UPLOADS = {
  pdf: "application/pdf",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  png: "image/png",
  jpg: "image/jpeg",
} as const;
export type UploadExt = keyof typeof ALLOWED_UPLOADS;

/** The allowed type of the bytes, or null. CSV has no signature: it must be UTF-8 text. */
export async function detectUploadType(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ ext: UploadExt; mime: string } | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const ext: string = detected.ext;
    return ext in ALLOWED_UPLOADS ? { ext: ext as UploadExt, mime: ALLOWED_UPLOADS[ext as UploadExt] } : null;
  }
  if (fileName.toLowerCase().endsWith(".csv") && !bytes.includes(0)) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return { ext: "csv", mime: ALLOWED_UPLOADS.csv };
    } catch {
      return null;
    }
  }
  return null;
}

function uploadsDir() {
  return path.resolve(getEnv().UPLOADS_DIR);
}

/** Writes the bytes under a random name; returns the key to store. */
export async function storeUpload(bytes: Uint8Array, ext: UploadExt): Promise<string> {
  const key = `${new Date().toISOString().slice(0, 7)}/${randomUUID()}.${ext}`;
  const file = path.join(uploadsDir(), key);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes, { flag: "wx" });
  return key;
}

function resolveKey(key: string) {
  const file = path.resolve(uploadsDir(), key);
  if (!file.startsWith(uploadsDir() + path.sep)) throw new Error("Invalid upload key");
  return file;
}

/** Removes a stored upload (used when the database write fails). */
export async function removeUpload(key: string) {
  await rm(resolveKey(key), { force: true });
}

/** A readable stream and size of a stored upload. */
export async function openUpload(key: string) {
  const file = resolveKey(key);
  const { size } = await stat(file);
  return { size, stream: createReadStream(file) };
}

const NAME_MAX = 120;

/** Splits "name.ext" at the last dot; a leading dot is part of the name. */
function splitExtension(name: string): { base: string; ext: string } {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? { base: name.slice(0, dot), ext: name.slice(dot + 1) } : { base: name, ext: "" };
}

/** At most `max` characters (code points: a character outside the BMP is never cut in half). */
function truncate(text: string, max: number) {
  const chars = Array.from(text);
  return chars.length > max ? chars.slice(0, max).join("").trimEnd() : text;
}

/**
 * A file name as the user chose it, safe to store, show and send back: the last path segment
 * only (some browsers send `C:\…\name`), no control or invisible format characters
 * (U+202E would show "gpj.exe" as "exe.jpg"; a lone surrogate cannot be encoded), no leading dots, Unicode kept (NFC), at most
 * 120 characters with the extension kept. May be "" (an empty file input).
 */
export function cleanFileName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? "";
  const clean = last
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu, "")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/^\.+/, "")
    .trim();
  if (Array.from(clean).length <= NAME_MAX) return clean;
  const { base, ext } = splitExtension(clean);
  if (!ext || ext.length > 10) return truncate(clean, NAME_MAX);
  return `${truncate(base, NAME_MAX - ext.length - 1)}.${ext}`;
}

/**
 * The name a stored upload is shown and downloaded under: the user's base name with the
 * extension of the type detected on the bytes, so `page.html` that is a PDF becomes `page.pdf`.
 */
export function storedFileName(name: string, ext: UploadExt): string {
  const { base } = splitExtension(cleanFileName(name));
  return `${truncate(base.trim(), NAME_MAX - ext.length - 1) || "file"}.${ext}`;
}

/**
 * The Content-Disposition of a download: `attachment`, a quoted ASCII `filename` for older
 * clients and, when the name is not plain ASCII, the name itself in RFC 5987 `filename*`
 * (UTF-8). A raw non-Latin-1 name in a header is refused by Node — that was a 500.
 */
export function attachmentDisposition(name: string): string {
  const clean = cleanFileName(name) || "file";
  const ascii = splitExtension(
    clean
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]|["\\]/g, "_"),
  );
  const base = /[A-Za-z0-9]/.test(ascii.base) ? ascii.base : "file";
  const fallback = ascii.ext ? `${base}.${ascii.ext}` : base;
  const header = `attachment; filename="${fallback}"`;
  return fallback === clean ? header : `${header}; filename*=${encodeExtended(clean)}`;
}
