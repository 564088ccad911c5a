// Links into the old help center inside ticket comments (option rewriteCommentLinks, issue 15 §3), rewritten
// with the articles' own rewriter and the migration's kept map before the comments are mapped to parts
// (no I/O). A link to an object that was not migrated stays as it was and becomes a note for the ticket's
// line, naming the comment, the address and the reason.
import type { Comment, Platform } from '../model/canonical.js';
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
}

/** The ticket-line note of a comment link that stays as it was. */
export function keptCommentLinkNote(commentId: string, k: KeptLink): string {
  return `link ${k.href} in comment ${commentId} (old ${k.ref.kind} ${k.ref.id}) not rewritten: ${k.reason}`;
}

export function rewriteCommentLinks(comments: readonly Comment[], map: CommentLinkMap): RewrittenComments {
  const notes: string[] = [];
  const out = comments.map((comment) => {
    const r = rewriteKbLinks(comment.html, map.platform, map.hosts, map.resolve);
    notes.push(...r.kept.map((k) => keptCommentLinkNote(comment.id, k)));
    return r.rewritten > 0 ? { ...comment, html: r.html } : comment;
  });
  return { comments: out, notes };
}
