import { afterEach, describe, expect, it } from "vitest";
import { refuseTestModeInDeployment, totpWindowSteps } from "~/lib/config.server";

describe("the test harness's switch", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("refuses test mode on an address people reach from elsewhere", () => {
    process.env.PORTAL_TEST_ROUTES = "1";
    process.env.PUBLIC_URL = "https://portal.example.org";
    expect(() => refuseTestModeInDeployment()).toThrow(/test suite only/);
    process.env.PUBLIC_URL = "http://localhost:3000";
    expect(() => refuseTestModeInDeployment()).not.toThrow();
  });

  it("accepts one-time codes only from the current 30-second step and its neighbours outside test mode", () => {
    delete process.env.PORTAL_TEST_ROUTES;
    expect(totpWindowSteps()).toBe(1);
    process.env.PORTAL_TEST_ROUTES = "1";
    expect(totpWindowSteps()).toBe(60);
  });
});
