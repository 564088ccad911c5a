// Links into the old help center inside ticket comments (option rewriteCommentLinks, issue 15 §3), rewritten
// with the articles' own rewriter and the migration's kept map before the comments are mapped to parts
// (no I/O). A link to an object that was not migrated stays as it was and becomes a note for the ticket's
// line, naming the comment, the address and the reason.
import type { Comment, Platform } from '../model/canonical.js';
import { contentHash } from './content-hash.js';
import type { PartPlan } from './to-reply.js';
import { rewriteKbLinks, type KbResolution, type KeptLink, type OldKbRef } from './kb-links.js';

/** Where the old help center's links lead now (src/transform/kb-links.ts urlMapResolver, and its hosts). */
export interface CommentLinkMap {
  platform: Platform;
  /** Lower-cased hosts the old help center answered on. */
  hosts: ReadonlySet<string>;
  resolve: (ref: OldKbRef) => KbResolution;
}

export interface RewrittenComments {
  /** The comments with their links rewritten (the same objects when nothing changed). */
  comments: Comment[];
  /** One note per link that stays, for the ticket's line. */
  notes: string[];
  /** Comment id → the href values the rewrite wrote into it. */
  written: Map<string, string[]>;
}

/** The ticket-line note of a comment link that stays as it was. */
export function keptCommentLinkNote(commentId: string, k: KeptLink): string {
  return `link ${k.href} in comment ${commentId} (old ${k.ref.kind} ${k.ref.id}) not rewritten: ${k.reason}`;
}

export function rewriteCommentLinks(comments: readonly Comment[], map: CommentLinkMap): RewrittenComments {
  const notes: string[] = [];
  const written = new Map<string, string[]>();
  const out = comments.map((comment) => {
    const r = rewriteKbLinks(comment.html, map.platform, map.hosts, map.resolve);
    notes.push(...r.kept.map((k) => keptCommentLinkNote(comment.id, k)));
    if (r.rewritten === 0) return comment;
    written.set(comment.id, r.written);
    return { ...comment, html: r.html };
  });
  return { comments: out, notes, written };
}

/**
 * The rewritten links a part carries: those written into its comment that its body holds (a contact's
 * reply is plain text and holds none; a continuation of attachments neither).
 */
export function partLinks(plan: PartPlan, written: ReadonlyMap<string, readonly string[]>): string[] {
  const links = plan.sourceCommentId ? (written.get(plan.sourceCommentId) ?? []) : [];
  const body = plan.body.body ?? '';
  return [...new Set(links.filter((href) => body.includes(`href="${href}"`)))];
}

/**
 * What a part's ledger row keeps of its rewritten links (its source_hash; null when it has none), so that
 * verification expects them only on a part that was written with exactly these links: not on one written
 * before the option was on, or before the map knew the article.
 */
export function partLinksHash(links: readonly string[]): string | null {
  return links.length > 0 ? contentHash({ commentLinks: links }) : null;
}
