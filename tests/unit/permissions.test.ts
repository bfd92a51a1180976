import { describe, expect, it } from "vitest";
import { CAPABILITIES, can, homeFor, NAVIGATION } from "~/access/capabilities";

describe("capability registry", () => {
  it("gives each role its own capabilities only", () => {
    expect(can(["LEARNER"], "progress:read:own")).toBe(true);
    expect(can(["LEARNER"], "edition:read:edition")).toBe(false);
    expect(can(["TRAINER"], "report:read:area")).toBe(false);
    expect(can(["COORDINATOR"], "account:read:all")).toBe(false);
    expect(can(["ADMIN"], "content:sync:all")).toBe(true);
    expect(can(["LEARNER", "TRAINER"], "attendance:record:edition")).toBe(true);
  });

  it("sends each role to its home", () => {
    expect(homeFor(["LEARNER"])).toBe("/percorso");
    expect(homeFor(["TRAINER"])).toBe("/edizioni");
    expect(homeFor(["COORDINATOR"])).toBe("/cruscotto");
    expect(homeFor(["ADMIN"])).toBe("/admin");
    expect(homeFor(["LEARNER", "TRAINER"])).toBe("/edizioni");
  });

  it("guards every navigation entry with a registered capability", () => {
    for (const item of NAVIGATION) expect(Object.keys(CAPABILITIES)).toContain(item.capability);
  });
});
