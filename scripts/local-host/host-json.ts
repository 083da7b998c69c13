// Reads the queue settings the local host honours from host.json, so both hosts share one configuration.
import { readFileSync } from 'node:fs';
import type { QueueHostSettings } from './local-host.js';

const timespanSeconds = (value: unknown, fallback: number): number => {
  if (typeof value !== 'string') return fallback;
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(value);
  if (!m) return fallback;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
};

export function readQueueSettings(hostJsonPath: string): QueueHostSettings & { routePrefix: string } {
  const hostJson = JSON.parse(readFileSync(hostJsonPath, 'utf8')) as {
    extensions?: { queues?: Record<string, unknown>; http?: { routePrefix?: string } };
  };
  const q = hostJson.extensions?.queues ?? {};
  return {
    batchSize: typeof q.batchSize === 'number' ? q.batchSize : 16,
    maxDequeueCount: typeof q.maxDequeueCount === 'number' ? q.maxDequeueCount : 5,
    visibilityTimeoutSeconds: timespanSeconds(q.visibilityTimeout, 0),
    maxPollingIntervalMs: timespanSeconds(q.maxPollingInterval, 60) * 1000,
    routePrefix: hostJson.extensions?.http?.routePrefix ?? 'api',
  };
}
