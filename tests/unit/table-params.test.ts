import { describe, expect, it } from "vitest";
import { PeopleParamsSchema } from "~/domain/person-schema";
import { parseTableParams } from "~/domain/table-params";

const parse = (qs: string) => parseTableParams(PeopleParamsSchema, new URLSearchParams(qs));

describe("table params", () => {
  it("has defaults", () => {
    expect(parse("")).toEqual({ ok: true, value: { sort: "name", dir: "asc", page: 1, size: 25 } });
  });

  it("reads sort, direction, page, size and filters", () => {
    expect(parse("sort=organisation&dir=desc&page=3&size=10&org=4&position=ADMINISTRATOR&q=Ross")).toEqual({
      ok: true,
      value: { sort: "organisation", dir: "desc", page: 3, size: 10, org: 4, position: "ADMINISTRATOR", q: "Ross" },
    });
  });

  it("treats empty values as absent (an empty filter field)", () => {
    expect(parse("org=&position=&q=")).toMatchObject({ ok: true, value: { sort: "name" } });
  });

  it("reports every bad parameter in Italian", () => {
    const r = parse("sort=password&dir=up&page=0&size=7&org=abc&position=MAYOR");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["dir", "org", "page", "position", "size", "sort"]);
    expect(r.errors.page[0]).toMatch(/pagina/);
    expect(r.errors.sort[0]).toMatch(/ordinamento/);
  });
});
