// The settings' ticket filters as one pure predicate: every filter that is set must match; within a filter,
// any value matches.
import type { Ticket } from '../model/canonical.js';
import type { TicketFilters } from '../settings/settings.js';

function instant(value: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

function fieldText(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(fieldText);
  if (value === null || value === undefined) return [];
  return [String(value)];
}

export function ticketMatchesFilters(ticket: Ticket, filters: TicketFilters): boolean {
  const created = Date.parse(ticket.createdAt);
  if (filters.createdFrom && created < instant(filters.createdFrom)) return false;
  if (filters.createdTo && created >= instant(filters.createdTo)) return false;
  if (filters.tags.length > 0) {
    const wanted = new Set(filters.tags.map((t) => t.trim().toLowerCase()));
    if (!ticket.tags.some((t) => wanted.has(t.trim().toLowerCase()))) return false;
  }
  const within = (list: string[], value: string | null) =>
    list.length === 0 || (value !== null && list.includes(value));
  if (!within(filters.groupIds, ticket.groupId)) return false;
  if (!within(filters.organizationIds, ticket.companyId)) return false;
  if (!within(filters.assigneeIds, ticket.assigneeId)) return false;
  return filters.customFieldValues.every(({ key, values }) =>
    fieldText(ticket.customFields[key]).some((v) => values.includes(v)),
  );
}
