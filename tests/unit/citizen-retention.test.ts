import { describe, expect, it } from "vitest";
import { addMonths, closesRequest, contactPurgeAt, ipHashCutoff } from "~/domain/citizen-retention";

const at = (iso: string) => new Date(iso);

describe("contactPurgeAt", () => {
  const createdAt = at("2026-02-10T09:00:00.000Z");
  const cycleClosesAt = at("2026-06-30T21:59:00.000Z");

  it("is 12 months after the cycle closes while the request is open", () => {
    expect(contactPurgeAt({ createdAt, cycleClosesAt, closedAt: null })).toEqual(at("2027-06-30T21:59:00.000Z"));
  });

  it("is when the request is closed, if that comes first", () => {
    const closedAt = at("2026-03-01T10:00:00.000Z");
    expect(contactPurgeAt({ createdAt, cycleClosesAt, closedAt })).toEqual(closedAt);
  });

  it("keeps the 12 months when the request closes after them", () => {
    expect(contactPurgeAt({ createdAt, cycleClosesAt, closedAt: at("2028-01-01T00:00:00.000Z") })).toEqual(
      at("2027-06-30T21:59:00.000Z"),
    );
  });

  it("counts from the request without a cycle, or when the cycle closed before it", () => {
    expect(contactPurgeAt({ createdAt, cycleClosesAt: null, closedAt: null })).toEqual(at("2027-02-10T09:00:00.000Z"));
    expect(contactPurgeAt({ createdAt, cycleClosesAt: at("2025-12-31T00:00:00.000Z"), closedAt: null })).toEqual(
      at("2027-02-10T09:00:00.000Z"),
    );
  });
});

describe("retention helpers", () => {
  it("adds calendar months, clamping to the month's last day", () => {
    expect(addMonths(at("2028-02-29T12:00:00.000Z"), 12)).toEqual(at("2029-02-28T12:00:00.000Z"));
    expect(addMonths(at("2026-01-31T00:00:00.000Z"), 1)).toEqual(at("2026-02-28T00:00:00.000Z"));
    expect(addMonths(at("2026-11-15T00:00:00.000Z"), 3)).toEqual(at("2027-02-15T00:00:00.000Z"));
  });

  it("closes a request when it is rejected, marked spam or merged, not when approved", () => {
    expect(["RECEIVED", "APPROVED", "REJECTED", "SPAM", "MERGED"].filter((s) => closesRequest(s as never))).toEqual([
      "REJECTED",
      "SPAM",
      "MERGED",
    ]);
  });

  it("cuts address hashes off 30 days before now", () => {
    expect(ipHashCutoff(at("2026-03-31T10:00:00.000Z"))).toEqual(at("2026-03-01T10:00:00.000Z"));
  });
});
