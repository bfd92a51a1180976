import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);

/** Carries the request's CSP nonce from entry.server to the inline scripts in root. */
export const NonceProvider = NonceContext.Provider;

/** The CSP nonce of this request (undefined in the browser after hydration). */
export function useNonce() {
  return useContext(NonceContext);
}
