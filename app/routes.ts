import type { RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

// Remix's file convention: every file in app/routes is a route.
export default flatRoutes() satisfies RouteConfig;
