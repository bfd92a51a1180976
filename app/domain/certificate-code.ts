/** Certificate verification codes: 10 letters and digits, read case-insensitively. */
export const CERTIFICATE_CODE = /^[A-Z0-9]{10}$/;

/** The code in canonical (upper) case, or null when it cannot be a code. */
export function parseCertificateCode(raw: string | undefined): string | null {
  const code = (raw ?? "").toUpperCase();
  return CERTIFICATE_CODE.test(code) ? code : null;
}
