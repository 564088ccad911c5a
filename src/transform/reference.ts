// Reference data the engine resolves before mapping (read from Intercom and the source once per run) and
// hands to the pure mappers. Nothing here is fetched by transform/.
import type { Agent, FieldDefinition, Platform } from '../model/canonical.js';
import type { MigrationSettings } from '../settings/settings.js';

/** An Intercom teammate as GET /admins lists it (only what mapping needs). */
export interface IntercomAdmin {
  id: string;
  name: string;
  email: string | null;
}

/** An Intercom team (GET /teams). */
export interface IntercomTeam {
  id: string;
  name: string;
  /** Teammates in the team (tells apart two teams of one name); absent when Intercom did not say. */
  memberCount?: number;
}

/** An existing Intercom attribute the field matcher can pick (data attribute, ticket-type or conversation). */
export interface IntercomAttribute {
  name: string;
  /** The UI label, when it differs from the name. */
  label?: string | null;
  model: 'contact' | 'company' | 'ticket' | 'conversation';
  dataType: string;
}

export type TicketStateCategory = 'submitted' | 'in_progress' | 'waiting_on_customer' | 'resolved';

/** The ticket type Ferry writes into (GET /ticket_types/{id}). */
export interface ResolvedTicketType {
  id: string;
  /** ticket_state objects of the type: id, category, internal_label. */
  states: { id: string; category: TicketStateCategory; label: string }[];
  /** List attributes: attribute name → option label → list item id (list values are sent as item ids). */
  listItemIds: Record<string, Record<string, string>>;
  /** The ticket-type attribute that keeps a status label no ticket state carries (SOURCE_STATUS), if any. */
  statusAttribute?: string | null;
}

/** Everything the mappers read besides the record itself. */
export interface ReferenceData {
  platform: Platform;
  settings: MigrationSettings;
  /** Source agents by id. */
  agents: ReadonlyMap<string, Agent>;
  /** Intercom teammates. */
  admins: readonly IntercomAdmin[];
  /** The teammate that writes for unmapped, deactivated and automated authors (settings or the token's admin). */
  fallbackAdminId: string;
  /** Source field definitions (ticket, contact and company scopes). */
  fields: readonly FieldDefinition[];
  /** Set when the target is tickets. */
  ticketType: ResolvedTicketType | null;
}

/** Ids the engine has already resolved through the ledger, as pure look-ups. */
export interface IdLookups {
  /** Intercom contact id of a source user (end user, or an agent turned requester), or null if not migrated. */
  contactId(sourceUserId: string): string | null;
  /** Name and e-mail of a source user (for "From NAME" notes); null if unknown. */
  person(sourceUserId: string): { name: string | null; email: string | null } | null;
}
