import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // A page sent with Referrer-Policy: no-referrer (the invitation link's page, whose address carries a
  // token) makes the browser post its form with "Origin: null". The framework's own origin check would
  // refuse that; ours (app/lib/security.server.ts) accepts "null" only with Sec-Fetch-Site: same-origin
  // and the CSRF token, so it stays the one that decides.
  allowedActionOrigins: ["null"],
  // Every v8 flag on, so the move to React Router 8 (which needs Node 22) is mechanical.
  future: {
    v8_middleware: true,
    v8_splitRouteModules: true,
    v8_viteEnvironmentApi: true,
    v8_passThroughRequests: true,
    v8_trailingSlashAwareDataRequests: true,
  },
} satisfies Config;
