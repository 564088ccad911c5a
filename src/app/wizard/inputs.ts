// The forms' input_values, parsed (they are the teammate's to shape: anything unexpected reads as empty) and
// checked; a rejected value comes back with the message for its field and nothing is saved.
import { z } from 'zod';
import {
  ADMIN_ITEMS,
  AGREED,
  OPTION_FLAGS,
  POST_ITEMS,
  SCOPE_ENTITIES,
  type AdminItem,
  type Notice,
  type OptionFlag,
  type PostItem,
  type ScopeEntity,
  type TicketTarget,
} from '../../../canvas/screens/index.js';

type Inputs = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
/** A checkbox's value: the ticked option ids among those allowed. */
function ticked<T extends string>(v: unknown, allowed: readonly T[]): T[] {
  const list = z.array(z.string()).catch([]).parse(v);
  return allowed.filter((a) => list.includes(a));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export interface ScopeInput {
  entities: ScopeEntity[];
  target: TicketTarget;
  createdFrom: string;
  createdTo: string;
}

export function parseScope(
  v: Inputs,
): { ok: true; value: ScopeInput } | { ok: false; value: ScopeInput; errors: Record<string, Notice> } {
  const value: ScopeInput = {
    entities: ticked(v.scope_entities, SCOPE_ENTITIES),
    target: v.scope_target === 'conversations' ? 'conversations' : 'tickets',
    createdFrom: str(v.scope_from),
    createdTo: str(v.scope_to),
  };
  const errors: Record<string, Notice> = {};
  if (value.entities.length === 0) errors.entities = { key: 'scope.error.entities', error: true };
  if (value.createdFrom && !isDate(value.createdFrom))
    errors.createdFrom = { key: 'scope.error.date', error: true };
  if (value.createdTo && !isDate(value.createdTo))
    errors.createdTo = { key: 'scope.error.date', error: true };
  if (
    !errors.createdFrom &&
    !errors.createdTo &&
    value.createdFrom &&
    value.createdTo &&
    value.createdFrom >= value.createdTo
  )
    errors.createdTo = { key: 'scope.error.range', error: true };
  return Object.keys(errors).length > 0 ? { ok: false, value, errors } : { ok: true, value };
}

export interface OptionsInput {
  flags: OptionFlag[];
  tagName: string;
  inactiveAgents: 'fallback' | 'skip';
  attachmentsPerPart: number;
  /** The old help center's address ('' = no redirects). */
  redirects: string;
}

/** Redirects are created at the old address over https only (Intercom's custom domains serve https). */
export function redirectsError(address: string): Notice | undefined {
  if (address === '') return undefined;
  const url = URL.canParse(address) ? new URL(address) : null;
  return url?.protocol === 'https:' && url.hostname !== ''
    ? undefined
    : { key: 'options.error.redirects', error: true };
}

export function parseOptions(v: Inputs): OptionsInput {
  const perPart = Number(str(v.options_attachments));
  return {
    flags: ticked(v.options_flags, OPTION_FLAGS),
    tagName: str(v.options_tag),
    inactiveAgents: v.options_inactive === 'skip' ? 'skip' : 'fallback',
    attachmentsPerPart: Number.isInteger(perPart) && perPart >= 1 && perPart <= 10 ? perPart : 5,
    redirects: str(v.options_redirects),
  };
}

export function parseChecklist(v: Inputs): { ticked: AdminItem[]; agreed: boolean } {
  return {
    ticked: ticked(v.checklist_items, ADMIN_ITEMS),
    agreed: ticked(v.checklist_agree, [AGREED]).length > 0,
  };
}

export const parsePost = (v: Inputs): PostItem[] => ticked(v.post_items, POST_ITEMS);
