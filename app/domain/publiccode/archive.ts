/**
 * Which entries of an uploaded ZIP are read as publiccode.yml files (PHASE2.md §6.1). The route
 * that opens the archive asks this for every entry name before reading it: a name that climbs
 * out of the archive (`../`, an absolute path, a drive letter) or holds control characters is
 * refused, so is a nested archive; folders, macOS metadata and non-YAML files are skipped.
 */
export type ArchiveEntryVerdict =
  | { kind: "accept"; path: string }
  | { kind: "skip"; path: string; reason: string }
  | { kind: "reject"; reason: string };

const NESTED_ARCHIVE = /\.(zip|jar|war|tar|tgz|gz|bz2|xz|7z|rar)$/i;
const MAX_NAME_LENGTH = 1024;

export function checkArchiveEntryName(name: string): ArchiveEntryVerdict {
  if (name === "" || name.length > MAX_NAME_LENGTH) {
    return { kind: "reject", reason: "Nome di file vuoto o troppo lungo nell'archivio." };
  }
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return { kind: "reject", reason: "Il nome del file nell'archivio contiene caratteri di controllo." };
  }
  const slashed = name.replace(/\\/g, "/");
  if (slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) {
    return { kind: "reject", reason: `«${name}» è un percorso assoluto: nell'archivio servono percorsi relativi.` };
  }
  const segments = slashed.split("/");
  if (segments.includes("..")) {
    return { kind: "reject", reason: `«${name}» esce dalla cartella dell'archivio («..»).` };
  }
  const isFolder = slashed.endsWith("/");
  const path = segments.filter((s) => s !== "" && s !== ".").join("/");
  if (isFolder || path === "") return { kind: "skip", path, reason: "È una cartella." };
  const base = path.split("/").at(-1)!;
  if (segments[0] === "__MACOSX" || base.startsWith("._") || base === ".DS_Store") {
    return { kind: "skip", path, reason: "Metadati di macOS, non un publiccode.yml." };
  }
  if (NESTED_ARCHIVE.test(base)) {
    return { kind: "reject", reason: `«${path}» è un archivio dentro l'archivio: non è aperto.` };
  }
  if (!/\.ya?ml$/i.test(base)) return { kind: "skip", path, reason: "Non è un file .yml o .yaml." };
  return { kind: "accept", path };
}
