import { describe, expect, it } from "vitest";
import { backoffSeconds, LOGIN_THROTTLE, throttledMessage } from "~/domain/login-throttle";

describe("login backoff", () => {
  it("lets the free attempts through, then doubles the wait up to the lane's cap", () => {
    const { pair, account } = LOGIN_THROTTLE;
    expect(Array.from({ length: pair.free - 1 }, (_, i) => backoffSeconds(i + 1, pair))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 14, 15, 16, 100].map((n) => backoffSeconds(n, pair))).toEqual([1, 2, 4, 8, 512, 900, 900, 900]);
    expect(backoffSeconds(account.free + 10, account)).toBe(60);
    expect(backoffSeconds(10_000, account)).toBe(60);
  });

  it("says how long to wait in Italian, in seconds or minutes rounded up", () => {
    expect(throttledMessage(1)).toBe("Troppi tentativi: riprova tra 1 secondo.");
    expect(throttledMessage(0.2)).toBe("Troppi tentativi: riprova tra 1 secondo.");
    expect(throttledMessage(16)).toBe("Troppi tentativi: riprova tra 16 secondi.");
    expect(throttledMessage(60)).toBe("Troppi tentativi: riprova tra 1 minuto.");
    expect(throttledMessage(512)).toBe("Troppi tentativi: riprova tra 9 minuti.");
    expect(throttledMessage(900)).toBe("Troppi tentativi: riprova tra 15 minuti.");
  });
});
