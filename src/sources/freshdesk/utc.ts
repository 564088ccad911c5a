// Freshdesk sends offsets such as "+05:30" on some objects; the canonical model keeps UTC (canonical.ts).
export function toUtc(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}
