// Option rewriteCommentLinks (issue 15 §3): the tickets stage rewrites links into the old help center inside
// each ticket's comments before they are mapped to parts, from the migration's kept map (kb_url_map, filled
// by the articles stage's links pass, which runs before the tickets stage). The map is read once per stage.
// Verification reads it the same way, so it expects what was written.
import type { Comment } from '../model/canonical.js';
import { urlMapRows } from '../db/repositories/kb-url-map.js';
import { hostOf, urlMapResolver, type KbResolution, type OldKbRef } from '../transform/kb-links.js';
import { rewriteCommentLinks, type RewrittenComments } from '../transform/comment-links.js';
import type { StageContext } from './context.js';

export type CommentLinks = (comments: readonly Comment[]) => RewrittenComments;

/** The rewriter of this migration's comment links, or null when the option is off. */
export async function loadCommentLinks(ctx: StageContext): Promise<CommentLinks | null> {
  if (!ctx.settings.options.rewriteCommentLinks) return null;
  const { hosts, resolve: resolveMapped } = urlMapResolver(await urlMapRows(ctx.db, ctx.migration.id));
  // A demo moves no articles: its links stay unless an earlier run migrated their targets.
  const demo = ctx.run.kind === 'demo';
  const resolve = (ref: OldKbRef): KbResolution => {
    const r = resolveMapped(ref);
    return demo && 'reason' in r ? { reason: `${r.reason} (a demo moves no articles)` } : r;
  };
  // The redirected address is the old help center's too, even before the map lists it.
  const redirected = ctx.settings.options.helpCenterRedirects;
  const redirectedHost = redirected ? hostOf(redirected) : null;
  if (redirectedHost) hosts.add(redirectedHost);
  return (comments) => rewriteCommentLinks(comments, { platform: ctx.platform, hosts, resolve });
}
