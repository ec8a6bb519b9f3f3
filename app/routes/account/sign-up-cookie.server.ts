import { createCookie } from "react-router";
import { isProduction, sessionSecret } from "~/lib/config.server";
import { SIGN_UP_CODE_MINUTES } from "~/models/sign-up.server";

/**
 * Which sign-up this browser is confirming: a random token (its hash is the request's key), signed,
 * httpOnly, for as long as the emailed code works. Never in an address.
 */
export const signUpCookie = createCookie(isProduction() ? "__Host-sign-up" : "sign-up", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: isProduction(),
  secrets: [sessionSecret()],
  maxAge: SIGN_UP_CODE_MINUTES * 60,
});

/** The token in the request's sign-up cookie, or null. */
export async function signUpToken(request: Request): Promise<string | null> {
  const value: unknown = await signUpCookie.parse(request.headers.get("cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}
