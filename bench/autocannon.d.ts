// autocannon ships no types; this is the part bench/run.ts uses (autocannon 8, lib/init.js, lib/run.js).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type Options = {
    url: string;
    connections?: number;
    /** seconds */
    duration?: number;
    /** total requests; when set, duration is ignored */
    amount?: number;
    /** seconds before a request is given up */
    timeout?: number;
    headers?: Record<string, string>;
  };

  type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    total: number;
  };

  export type Result = {
    duration: number;
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
  };

  /** Emits "response" (client, statusCode, bytes, responseTimeMs) for every response. */
  export type Instance = EventEmitter & PromiseLike<Result> & { stop(): void };

  export default function autocannon(options: Options): Instance;
}
