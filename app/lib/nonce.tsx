import { createContext, useContext } from "react";

// The browser hides a nonce once the page has loaded, so on the client it is always "".
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export function useNonce(): string {
  return useContext(NonceContext);
}
