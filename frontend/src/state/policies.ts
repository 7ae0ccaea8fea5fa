// The numbers behind the shop's promises (GET /api/policies), read once per visit.
import { fetchJson } from '../api/http';
import { useAsync } from '../lib/useAsync';

export interface Policies {
  returnWindowDays: number;
  authenticityGuaranteeYears: number;
  holdMinutes: { guest: number; shopper: number };
  paymentWindowMinutes: number;
}

let cached: Promise<Policies> | undefined;

export function loadPolicies(): Promise<Policies> {
  cached ??= fetchJson<Policies>('/api/policies').catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

export function usePolicies() {
  return useAsync(() => loadPolicies(), []);
}
