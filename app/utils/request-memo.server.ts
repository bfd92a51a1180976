/**
 * Remix gives each loader of a page its own copy of the Request, but they share the id that
 * server.js stamps on it (clients cannot set it): a lookup made by several loaders of one
 * GET request runs once. Entries live a few seconds at most; actions never share.
 */
const entries = new Map<string, { at: number; value: Promise<unknown> }>();
const TTL_MS = 5_000;

export function memoPerRequest<T>(request: Request, key: string, compute: () => Promise<T>): Promise<T> {
  const id = request.headers.get("x-request-id");
  if (!id || request.method !== "GET") return compute();
  const now = Date.now();
  const full = `${id}:${key}`;
  const hit = entries.get(full);
  if (hit && now - hit.at < TTL_MS) return hit.value as Promise<T>;
  for (const [k, e] of entries) if (now - e.at >= TTL_MS) entries.delete(k);
  const value = compute();
  entries.set(full, { at: now, value });
  return value;
}
