// Writes a ticket's (or conversation's) parts one after another, in order, each through the ledger. A part
// found pending is reconciled against the latest parts Intercom holds: because parts are written in order,
// a part that was applied before a crash or a lost answer is among the latest, with our created_at and
// author, and not yet claimed by another ledger row.
import type { PartPlan } from '../transform/to-reply.js';
import { applyAttachments, type ResolvedAttachment } from '../transform/attachments.js';
import { htmlToText } from '../transform/html.js';
import { partLinks, partLinksHash } from '../transform/comment-links.js';
import type { StageContext } from './context.js';
import { rowsOfParent, type EntityResult } from './ledger.js';
import { attachmentLosses, resolveAttachments, type ResolverDeps } from './attachment-resolver.js';
import { writeOnce, type WriteOutcome } from './write-once.js';
import { StoppedError } from '../errors.js';

/** A part as Intercom returns it (ticket_part / conversation_part). */
export interface IntercomPart {
  id: string;
  part_type: string;
  body?: string | null | undefined;
  created_at?: number | null | undefined;
  author?: { type: string; id?: string | null | undefined } | null | undefined;
}

/** Where parts go: a ticket or a conversation. */
export interface PartTarget {
  /** Writes one part; resolves to the new part's id. */
  reply(body: PartPlan['body']): Promise<string>;
  /** The object's latest parts (Intercom returns at most 500). */
  latestParts(): Promise<IntercomPart[]>;
}

export interface PartsResult {
  /** Outcome per part key. */
  outcomes: Map<string, WriteOutcome>;
  /** Attachment outcomes: migrated with their part, or skipped with a reason. */
  attachments: {
    attachmentId: string;
    status: 'migrated' | 'skipped' | 'failed';
    targetId?: string;
    reason?: string;
  }[];
}

function authorId(body: PartPlan['body']): string {
  return body.type === 'admin' ? body.admin_id : body.intercom_user_id;
}

const normal = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** The unclaimed part Intercom holds for this plan, if any. */
export function findWrittenPart(
  plan: PartPlan['body'],
  parts: readonly IntercomPart[],
  claimed: ReadonlySet<string>,
): string | null {
  const candidates = parts.filter(
    (p) =>
      !claimed.has(p.id) &&
      p.created_at === plan.created_at &&
      (p.author?.id ?? null) === authorId(plan) &&
      (plan.message_type === 'note' ? p.part_type === 'note' : p.part_type !== 'note'),
  );
  if (candidates.length <= 1) return candidates[0]?.id ?? null;
  const text = normal(htmlToText(plan.body ?? ''));
  const exact = candidates.find((p) => normal(htmlToText(p.body ?? '')) === text);
  return (exact ?? candidates[candidates.length - 1]!).id;
}

export async function writeParts(
  ctx: StageContext,
  ticketSourceId: string,
  target: PartTarget,
  parts: readonly PartPlan[],
  /** Comment id → the help-center links rewritten into it: each part's row keeps a hash of its own. */
  rewrittenLinks: ReadonlyMap<string, readonly string[]> = new Map(),
): Promise<PartsResult> {
  const rows = await rowsOfParent(ctx.db, ctx.migration.id, 'parts', ticketSourceId);
  const claimed = new Set(
    [...rows.values()].flatMap((r) => (r.status === 'migrated' && r.target_id ? [r.target_id] : [])),
  );
  const outcomes = new Map<string, WriteOutcome>();
  const attachments: PartsResult['attachments'] = [];
  let latest: IntercomPart[] | null = null;
  const keyOf = (part: PartPlan) => ({ migrationId: ctx.migration.id, entity: 'parts', sourceId: part.key });
  // A part the ledger already holds as written is not written again (writeOnce): no pending mark for it.
  const toWrite = (part: PartPlan | undefined): part is PartPlan => {
    const row = part && rows.get(part.key);
    return part !== undefined && !(row?.status === 'migrated' && row.target_id);
  };
  let markedPending = false;
  let wroteOne = false;
  for (const [position, part] of parts.entries()) {
    // A ticket of hundreds of parts would hold its worker's slot long past the slice (one part at a time, at
    // Intercom's latency): it stops here and the stage's next job writes the rest (at least one part a job).
    if (wroteOne && toWrite(part) && ctx.sliceOver?.())
      throw new StoppedError(
        `time slice over at part ${position + 1} of ${parts.length} of ticket ${ticketSourceId}`,
      );
    const existing = rows.get(part.key) ?? null;
    const next = parts[position + 1];
    const pendingAfter = toWrite(next)
      ? { key: keyOf(next), place: { parentSourceId: ticketSourceId, position: position + 1 } }
      : undefined;
    let resolved: ResolvedAttachment[] = [];
    const outcome = await writeOnce(ctx.write, {
      key: keyOf(part),
      existing,
      markedPending,
      pendingAfter,
      place: { parentSourceId: ticketSourceId, position },
      hash: partLinksHash(partLinks(part, rewrittenLinks)),
      note: () => attachmentLosses(resolved),
      reconcile: async () => {
        latest = await target.latestParts();
        return findWrittenPart(part.body, latest, claimed);
      },
      write: async () => {
        if (resolved.length === 0 && part.attachments.length > 0) {
          resolved = await resolveAttachments(resolverDeps(ctx), part.transport, part.attachments);
        }
        return target.reply(applyAttachments(part.body, part.transport, resolved));
      },
    });
    outcomes.set(part.key, outcome);
    wroteOne ||= toWrite(part);
    // The next part was marked pending with this one's result only when this one was written (or found).
    markedPending = pendingAfter !== undefined && outcome.status === 'migrated' && toWrite(part);
    if (outcome.status === 'migrated') claimed.add(outcome.targetId);
    part.attachments.forEach((a, i) => {
      const r = resolved[i];
      if (r?.kind === 'skipped')
        attachments.push({ attachmentId: a.attachmentId, status: 'skipped', reason: r.reason });
      else if (outcome.status === 'migrated')
        attachments.push({ attachmentId: a.attachmentId, status: 'migrated', targetId: outcome.targetId });
      else
        attachments.push({
          attachmentId: a.attachmentId,
          status: 'failed',
          reason: `its part was not written: ${outcome.reason}`,
        });
    });
  }
  void latest;
  return { outcomes, attachments };
}

export function resolverDeps(ctx: StageContext): ResolverDeps {
  return {
    db: ctx.db,
    migrationId: ctx.migration.id,
    runId: ctx.run.id,
    connector: ctx.connector,
    links: ctx.deps.links,
    signal: ctx.signal,
  };
}

/** The ledger outcomes of a ticket's attachments (written with its comments': recordTicketChildren). */
export function attachmentResults(
  ticketSourceId: string,
  attachments: PartsResult['attachments'],
  skipped: readonly { attachmentId: string; reason: string }[],
): EntityResult[] {
  return [
    ...attachments.map((a) => ({
      entity: 'attachments',
      sourceId: a.attachmentId,
      status: a.status,
      targetId: a.targetId ?? null,
      reason: a.reason ?? null,
      parentSourceId: ticketSourceId,
    })),
    ...skipped.map((s) => ({
      entity: 'attachments',
      sourceId: s.attachmentId,
      status: 'skipped' as const,
      reason: s.reason,
      parentSourceId: ticketSourceId,
    })),
  ];
}
