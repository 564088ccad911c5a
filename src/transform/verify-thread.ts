// Verification of a ticket or conversation (pure): what Intercom should show for a migrated source ticket,
// computed with the same mappers that wrote it (toTicketParts, toTicketCreate, toConversationOpening…), and
// the comparison with what Intercom answered → one sentence per problem an admin can act on. Only what
// Ferry wrote counts: a part, comment or attachment whose ledger row is not migrated is not expected.
import type { Comment, Contact, Ticket } from '../model/canonical.js';
import type { AttributeValue } from './intercom-bodies.js';
import type { IdLookups, ReferenceData } from './reference.js';
import { recordTags } from './tags.js';
import { toConversationOpening, toConversationUpdate } from './to-conversation.js';
import { toTicketCreate, ticketStateId } from './to-ticket.js';
import { toTicketParts } from './to-ticket-parts.js';
import { partLinks, partLinksHash } from './comment-links.js';
import type { PartPlan } from './to-reply.js';
import { compareAttributes, type Verdict, verdictOf } from './verify-values.js';

/** Intercom shows at most the latest 500 parts of a conversation or ticket (DESIGN "Limits"). */
export const MAX_PARTS_SHOWN = 500;
export const PAST_500_PARTS = 'not verifiable past 500 parts';

export interface ExpectedPart {
  key: string;
  /** "Reply 3 of 7 (created 2024-03-02 by ann@x.com)": how the problem sentences name it. */
  label: string;
  note: boolean;
  createdAt: number;
  authorId: string;
  /** The part's id Ferry recorded (null: found by created_at, author and kind). */
  targetId: string | null;
  attachmentNames: string[];
  /** Help-center links the tickets stage rewrote into this part (option rewriteCommentLinks). */
  links: string[];
}

export interface ExpectedThread {
  target: 'tickets' | 'conversations';
  parts: ExpectedPart[];
  /** Ticket: the ticket_state id; conversation: whether it is closed. Null: not compared. */
  state: { id: string; label: string } | { closed: boolean } | null;
  tags: string[];
  attributes: Record<string, AttributeValue>;
  /** List attributes: item id → label, so a label read back counts as the id written. */
  listLabels: Record<string, string>;
  requesterContactId: string;
  requesterLabel: string;
  companyId: string | null;
  /** A conversation opened with the requester's first comment: its files (the opening message holds them). */
  opener: { label: string; attachmentNames: string[] } | null;
}

export interface ActualPart {
  id: string;
  partType: string;
  createdAt: number | null;
  authorId: string | null;
  attachmentNames: string[];
  /** The href values of the part's body. */
  links: string[];
}

export interface ActualThread {
  parts: ActualPart[];
  /** All parts Intercom holds (total_count), when it says. */
  totalParts: number | null;
  state: { id: string; label: string } | { closed: boolean } | null;
  /** Null when Intercom's answer carries no tags (they cannot be compared then). */
  tags: string[] | null;
  attributes: Record<string, unknown>;
  contactIds: string[];
  /** Undefined when Intercom's answer does not show the company. */
  companyId?: string | null;
  /** A conversation's opening message (absent for tickets). */
  opener?: { authorId: string | null; attachmentNames: string[] } | null;
}

/** The ledger's view of one row: its status and target id. */
export interface RowState {
  status: string;
  target_id: string | null;
  /** A part's: the hash of the help-center links it was written with (partLinksHash), else null. */
  source_hash?: string | null;
}

export interface ThreadInput {
  target: 'tickets' | 'conversations';
  ticket: Ticket;
  comments: readonly Comment[];
  requester: Contact | null;
  ref: ReferenceData;
  lookups: IdLookups;
  requesterContactId: string;
  companyId: string | null;
  /** Ledger rows of the ticket's parts (by part key) and attachments (by attachment id). */
  partRows: ReadonlyMap<string, RowState>;
  attachmentRows: ReadonlyMap<string, RowState>;
  /** Comment id → the help-center links rewritten into it (src/transform/comment-links.ts). */
  rewrittenLinks?: ReadonlyMap<string, readonly string[]>;
}

const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

function who(id: string | null, ref: ReferenceData, lookups: IdLookups): string {
  if (id === null) return 'an unknown author';
  const agent = ref.agents.get(id);
  const person = agent ? { name: agent.name, email: agent.email } : lookups.person(id);
  return person?.email || person?.name || `user ${id}`;
}

function partLabel(
  plan: PartPlan,
  index: Map<string, number>,
  count: number,
  input: ThreadInput,
  authorOf: Map<string, string | null>,
): string {
  const kind = plan.body.message_type === 'note' ? 'Note' : 'Reply';
  const when = plan.body.created_at;
  const created = when ? `created ${day(when)}` : 'undated';
  if (plan.sourceCommentId === null) {
    const what = plan.key.startsWith('note:cc')
      ? 'CC note'
      : plan.key.startsWith('event:')
        ? 'event note'
        : 'note';
    return `The ${what} (${created})`;
  }
  const n = (index.get(plan.sourceCommentId) ?? 0) + 1;
  const continued = plan.key.includes('#') ? `, attachments part ${plan.key.split('#')[1]},` : '';
  const by = who(authorOf.get(plan.sourceCommentId) ?? null, input.ref, input.lookups);
  return `${kind} ${n} of ${count} (${created} by ${by})${continued}`;
}

/** A part known only by its ledger key (a delta's earlier comments, event notes). */
function outOfPlanLabel(key: string): string {
  const [kind, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (kind === 'comment') return `The part of source comment ${rest}`;
  if (kind === 'event') return `The note of source event ${rest}`;
  return `The part ${key}`;
}

/** What Intercom should hold for the ticket, from the mappers and the ledger. */
export function expectedThread(input: ThreadInput): ExpectedThread {
  const { ticket, ref, target } = input;
  const repliers = new Set(ticket.requesterId ? [ticket.requesterId] : []);
  let plans: PartPlan[];
  let attributes: Record<string, AttributeValue>;
  let opener: ExpectedThread['opener'] = null;
  const index = new Map(input.comments.map((c, i) => [c.id, i]));
  if (target === 'conversations') {
    const opening = toConversationOpening(ticket, [...input.comments], ref, input.requesterContactId);
    if (opening.openedWith) {
      const n = (index.get(opening.openedWith) ?? 0) + 1;
      const created = day(opening.body.created_at ?? 0);
      opener = {
        label: `Reply ${n} of ${input.comments.length} (created ${created} by ${who(ticket.requesterId, ref, input.lookups)}), which opens the conversation,`,
        attachmentNames: opening.attachments
          .filter((a) => input.attachmentRows.get(a.attachmentId)?.status === 'migrated')
          .map((a) => a.fileName),
      };
    }
    const rest = opening.openedWith
      ? input.comments.filter((c) => c.id !== opening.openedWith)
      : input.comments;
    const planned = toTicketParts(
      { ticket, comments: rest, events: [], requester: input.requester },
      ref,
      input.lookups,
      'conversations',
      repliers,
    );
    plans = [...opening.continuation, ...planned.parts];
    attributes = toConversationUpdate(ticket, ref, input.companyId).body.custom_attributes;
  } else {
    const planned = toTicketParts(
      { ticket, comments: input.comments, events: [], requester: input.requester },
      ref,
      input.lookups,
      'tickets',
      repliers,
    );
    plans = planned.parts;
    attributes = toTicketCreate(ticket, ref, {
      requesterContactId: input.requesterContactId,
      companyId: input.companyId,
    }).body.ticket_attributes;
  }
  const authorOf = new Map(input.comments.map((c) => [c.id, c.authorId]));
  const parts: ExpectedPart[] = [];
  for (const plan of plans) {
    const row = input.partRows.get(plan.key);
    if (row?.status !== 'migrated') continue;
    const body = plan.body;
    // Expected only on a part written with exactly these links (its row's hash says so).
    const links = partLinks(plan, input.rewrittenLinks ?? new Map());
    const sent = links.length > 0 && row.source_hash === partLinksHash(links);
    parts.push({
      key: plan.key,
      label: partLabel(plan, index, input.comments.length, input, authorOf),
      note: body.message_type === 'note',
      createdAt: body.created_at ?? 0,
      authorId: body.type === 'admin' ? body.admin_id : body.intercom_user_id,
      targetId: row.target_id,
      attachmentNames: plan.attachments
        .filter((a) => input.attachmentRows.get(a.attachmentId)?.status === 'migrated')
        .map((a) => a.fileName),
      links: sent ? links : [],
    });
  }
  // Parts the plan cannot rebuild without a source read (event notes) are still checked by their id.
  const planned = new Set(plans.map((p) => p.key));
  for (const [key, row] of input.partRows) {
    if (planned.has(key) || row.status !== 'migrated' || !row.target_id) continue;
    parts.push({
      key,
      label: outOfPlanLabel(key),
      note: true,
      createdAt: -1,
      authorId: '',
      targetId: row.target_id,
      attachmentNames: [],
      links: [],
    });
  }
  let state: ExpectedThread['state'] = null;
  if (target === 'conversations')
    state = { closed: ticket.status === 'solved' || ticket.status === 'closed' };
  else {
    const id = ticketStateId(ticket, ref);
    const s = ref.ticketType?.states.find((x) => x.id === id);
    if (id && s) state = { id, label: s.label };
  }
  const listLabels: Record<string, string> = {};
  for (const items of Object.values(ref.ticketType?.listItemIds ?? {}))
    for (const [label, itemId] of Object.entries(items)) listLabels[itemId] = label;
  return {
    target,
    parts,
    state,
    tags: recordTags(ticket.tags, ref.settings, ref.platform),
    attributes,
    listLabels,
    requesterContactId: input.requesterContactId,
    requesterLabel: who(ticket.requesterId, ref, input.lookups),
    companyId: input.companyId,
    opener,
  };
}

function compareParts(expected: ExpectedThread, actual: ActualThread, problems: string[]): void {
  const byId = new Map(actual.parts.map((p, i) => [p.id, i]));
  const claimed = new Set(expected.parts.flatMap((p) => (p.targetId ? [p.targetId] : [])));
  let previous: { at: number; label: string } | null = null;
  for (const part of expected.parts) {
    let at = part.targetId ? byId.get(part.targetId) : undefined;
    if (at === undefined && part.targetId === null) {
      at = actual.parts.findIndex(
        (p) =>
          !claimed.has(p.id) &&
          p.createdAt === part.createdAt &&
          p.authorId === part.authorId &&
          (p.partType === 'note') === part.note,
      );
      if (at < 0) at = undefined;
      else claimed.add(actual.parts[at]!.id);
    }
    if (at === undefined) {
      problems.push(`${part.label} is missing in Intercom.`);
      continue;
    }
    const found = actual.parts[at]!;
    if (previous && at < previous.at)
      problems.push(
        `${part.label} comes before ${lower(previous.label)} in Intercom; the source has it after.`,
      );
    previous = { at, label: part.label };
    if (part.createdAt < 0) continue;
    if (found.createdAt !== part.createdAt)
      problems.push(
        `${part.label} shows the date ${found.createdAt === null ? 'none' : new Date(found.createdAt * 1000).toISOString()} in Intercom.`,
      );
    if (found.authorId !== part.authorId)
      problems.push(
        `${part.label} is written by ${found.authorId ?? 'nobody'} in Intercom, not ${part.authorId}.`,
      );
    if ((found.partType === 'note') !== part.note)
      problems.push(
        `${part.label} is a ${found.partType === 'note' ? 'private note' : 'public reply'} in Intercom.`,
      );
    problems.push(...missingFiles(part.label, part.attachmentNames, found.attachmentNames));
    for (const link of part.links)
      if (!found.links.includes(link))
        problems.push(
          `${part.label} lacks its link to ${link} in Intercom (the old help center's, rewritten).`,
        );
  }
}

/**
 * The files of a part Intercom lacks. Matched by name; a file sent as a link is named by Intercom after the
 * link, so names that do not match count only when Intercom holds fewer files than Ferry sent.
 */
export function missingFiles(
  label: string,
  expected: readonly string[],
  actual: readonly string[],
): string[] {
  const left = [...actual];
  const unmatched = expected.filter((name) => {
    const i = left.indexOf(name);
    if (i >= 0) left.splice(i, 1);
    return i < 0;
  });
  const deficit = expected.length - actual.length;
  if (deficit <= 0 || unmatched.length === 0) return [];
  if (unmatched.length <= deficit)
    return unmatched.map((name) => `Attachment "${name}" of ${lower(label)} is missing in Intercom.`);
  return [`${label} has ${deficit} of its ${expected.length} attachment(s) missing in Intercom.`];
}

const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/** Problems of one migrated ticket; unverifiable past 500 parts unless something else is already wrong. */
export function compareThread(expected: ExpectedThread, actual: ActualThread): Verdict {
  const problems: string[] = [];
  const noun = expected.target === 'tickets' ? 'ticket' : 'conversation';
  if (!actual.contactIds.includes(expected.requesterContactId))
    problems.push(
      `The ${noun}'s contact in Intercom is not its requester ${expected.requesterLabel} (contact ${expected.requesterContactId}).`,
    );
  if (actual.companyId !== undefined && expected.companyId && actual.companyId !== expected.companyId)
    problems.push(`The ${noun} is not linked to its company (Intercom company ${expected.companyId}).`);
  const e = expected.state;
  const a = actual.state;
  if (e && a && 'id' in e && 'id' in a && e.id !== a.id)
    problems.push(`The ticket's state is "${a.label}" in Intercom; Ferry set "${e.label}".`);
  if (e && a && 'closed' in e && 'closed' in a && e.closed && !a.closed)
    problems.push(`The conversation is open in Intercom; the source ticket is solved or closed.`);
  if (actual.tags !== null) {
    const have = new Set(actual.tags.map((t) => t.toLowerCase()));
    for (const tag of expected.tags)
      if (!have.has(tag.toLowerCase())) problems.push(`Tag "${tag}" is missing on the ${noun} in Intercom.`);
  }
  problems.push(...compareAttributes(expected.attributes, actual.attributes, expected.listLabels));
  if (expected.opener && actual.opener)
    problems.push(
      ...missingFiles(expected.opener.label, expected.opener.attachmentNames, actual.opener.attachmentNames),
    );
  const past500 =
    actual.totalParts !== null ? actual.totalParts > MAX_PARTS_SHOWN : actual.parts.length >= MAX_PARTS_SHOWN;
  if (past500)
    return problems.length > 0 ? verdictOf(problems) : { outcome: 'unverifiable', reason: PAST_500_PARTS };
  compareParts(expected, actual, problems);
  return verdictOf(problems);
}
