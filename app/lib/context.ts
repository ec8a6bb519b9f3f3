import { createContext } from "react-router";

/** Per-request values shared between the server, middleware, loaders and the document render. */
export const nonceContext = createContext<string>("");
/** The client's address as the server worked it out (X-Forwarded-For only behind a trusted proxy). */
export const clientAddressContext = createContext<string>("unknown");
/** The CSRF token this browser's forms must carry. */
export const csrfTokenContext = createContext<string>("");
