/**
 * Text helpers shared by the PDF documents (certificate, signature register), which use
 * react-pdf's built-in Helvetica: no font download, but only WinAnsi glyphs and no safe
 * way to break a long word.
 */
import { Font } from "@react-pdf/renderer";

// react-pdf's default hyphenation uses English patterns and breaks Italian words badly:
// keep words whole (this setting is process-wide, so it lives here, once).
Font.registerHyphenationCallback((word) => [word]);

export const PDF_COLOURS = {
  green: "#185a47",
  ink: "#1f2933",
  muted: "#52606d",
  red: "#b3261e",
  rule: "#9aa5b1",
  headBg: "#e6efec",
} as const;

/** Upper-bound Helvetica advance width (in em) of a string. */
export function emWidth(text: string) {
  let width = 0;
  for (const ch of text) {
    if ("ijl.,:;/|!'`-()[]ftrI ".includes(ch)) width += 0.39;
    else if ("mwMW@%".includes(ch)) width += 0.94;
    else if (ch >= "A" && ch <= "Z") width += 0.78;
    else width += 0.56;
  }
  return width;
}

/**
 * Splits an unbreakable string (a URL) into lines that fit `boxWidth` at `fontSize`: after
 * the characters matched by `breakAfter`, or anywhere when a piece is still too long.
 * react-pdf would otherwise drop the overflowing part, or print a hyphen inside it.
 */
export function splitToWidth(text: string, fontSize: number, boxWidth: number, breakAfter: RegExp): string[] {
  const fits = (s: string) => emWidth(s) * fontSize <= boxWidth;
  if (fits(text)) return [text];
  const lines: string[] = [];
  let line = "";
  for (const piece of text.split(breakAfter)) {
    if (fits(line + piece)) {
      line += piece;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    for (const ch of piece) {
      if (!fits(line + ch)) {
        lines.push(line);
        line = "";
      }
      line += ch;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// The standard fonts only have WinAnsi glyphs: anything else (Ł, ą, Ș, ő…) would print as a
// wrong letter or vanish, which makes a name unrecognisable. Such characters are reduced to
// their base letter instead.
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const FALLBACK: Record<string, string> = {
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  Ŀ: "L",
  ŀ: "l",
  ŋ: "n",
  Ŋ: "N",
  ſ: "s",
  "\u2212": "-",
};
const isWinAnsi = (ch: string) => {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};

/** The text with every character the built-in fonts cannot print replaced by its base letter. */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    if (isWinAnsi(ch)) out += ch;
    else if (ch === "\n" || ch === "\t") out += " ";
    else if (FALLBACK[ch]) out += FALLBACK[ch];
    else {
      // The base letter without its diacritics, e.g. "ą" → "a", "Ș" → "S".
      const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
      out += [...base].every(isWinAnsi) && base ? base : "?";
    }
  }
  return out;
}
