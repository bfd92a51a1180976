/**
 * Lab deliverables: size-capped, type-checked by content (magic bytes, not the name the
 * browser sends), stored outside public/ under UPLOADS_DIR with a random name, served
 * only through a guarded route (docs/security.md, "Uploaded files").
 */
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
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

/** A file name safe to put in Content-Disposition. */
export function safeFileName(name: string) {
  return name.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 120) || "file";
}
