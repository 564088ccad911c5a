// Links into the old help center in ticket comments (option rewriteCommentLinks): the rewrite, the note of a
// link that stays, and what verification expects of a part written with rewritten links.
import { describe, expect, it } from 'vitest';
import {
  partLinks,
  partLinksHash,
  rewriteCommentLinks,
  type CommentLinkMap,
} from '../../src/transform/comment-links.js';
import { urlMapResolver } from '../../src/transform/kb-links.js';
import { toReplies } from '../../src/transform/to-reply.js';
import {
  compareThread,
  expectedThread,
  type ActualThread,
  type RowState,
} from '../../src/transform/verify-thread.js';
import { comment, lookups, reference, ticket } from './fixtures.js';

const OLD = 'https://acme.zendesk.com';
const NEW = 'https://help.acme.com/en/articles/77-reset';
const map = (): CommentLinkMap => {
  const { hosts, resolve } = urlMapResolver([
    {
      entity: 'articles',
      source_id: '12',
      locale: 'en-us',
      old_url: `${OLD}/hc/en-us/articles/12`,
      new_url: NEW,
    },
  ]);
  return { platform: 'zendesk', hosts, resolve };
};
const ref = reference({ mappings: { agents: { '9001': '111' } }, options: { tagMigrated: false } });
const agentComment = comment({
  id: 'c1',
  authorId: '9001',
  authorRole: 'agent',
  html:
    `<p>Read <a href="${OLD}/hc/en-us/articles/12-Reset?x=1#step-2">this</a>, ` +
    `<a href="/hc/de/articles/99">that</a> and <a href="https://example.com/hc/en-us/articles/12">elsewhere</a>.</p>`,
});

describe('help-center links in ticket comments', () => {
  it('when a comment links to a migrated article, then the link leads to Intercom (anchor kept, query dropped); a link to one not migrated stays with a note', () => {
    const plain = comment({ id: 'c2' });
    const { comments, notes, written } = rewriteCommentLinks([agentComment, plain], map());
    expect(comments[0]!.html).toBe(
      `<p>Read <a href="${NEW}#step-2">this</a>, <a href="/hc/de/articles/99">that</a> and ` +
        `<a href="https://example.com/hc/en-us/articles/12">elsewhere</a>.</p>`,
    );
    expect(comments[1]).toBe(plain);
    expect(written).toEqual(new Map([['c1', [`${NEW}#step-2`]]]));
    expect(notes).toEqual([
      'link /hc/de/articles/99 in comment c1 (old article 99) not rewritten: not migrated',
    ]);
  });

  it("when the part is an agent's reply, then it carries the rewritten link; a contact's plain-text reply carries none", () => {
    const { comments, written } = rewriteCommentLinks([agentComment], map());
    const [agentPart] = toReplies(comments[0]!, {
      ref,
      lookups: lookups(),
      target: 'tickets',
      repliers: new Set(),
    }).parts;
    expect(partLinks(agentPart!, written)).toEqual([`${NEW}#step-2`]);
    const asContact = { ...comments[0]!, authorId: '501', authorRole: 'end-user' as const };
    const [contactPart] = toReplies(asContact, {
      ref,
      lookups: lookups(),
      target: 'tickets',
      repliers: new Set(['501']),
    }).parts;
    expect(partLinks(contactPart!, written)).toEqual([]);
    expect(partLinksHash([])).toBeNull();
  });

  describe('verification', () => {
    const { comments, written } = rewriteCommentLinks([agentComment], map());
    const thread = (row: RowState) =>
      expectedThread({
        target: 'tickets',
        ticket: ticket(),
        comments,
        requester: null,
        ref,
        lookups: lookups(),
        requesterContactId: 'ic-501',
        companyId: null,
        partRows: new Map([['comment:c1', row]]),
        attachmentRows: new Map(),
        rewrittenLinks: written,
      });
    const actual = (links: string[], attributes: Record<string, unknown>): ActualThread => ({
      parts: [{ id: 'p1', partType: 'comment', createdAt: null, authorId: null, attachmentNames: [], links }],
      totalParts: 1,
      state: null,
      tags: null,
      attributes,
      contactIds: ['ic-501'],
    });
    const hash = partLinksHash([`${NEW}#step-2`]);

    it('when the part was written with the rewritten link and Intercom shows it, then nothing is wrong with it', () => {
      const e = thread({ status: 'migrated', target_id: 'p1', source_hash: hash });
      expect(e.parts[0]!.links).toEqual([`${NEW}#step-2`]);
      const a = actual([`${NEW}#step-2`, '/hc/de/articles/99'], e.attributes);
      a.parts[0] = { ...a.parts[0]!, createdAt: e.parts[0]!.createdAt, authorId: e.parts[0]!.authorId };
      expect(compareThread(e, a)).toEqual({ outcome: 'matched' });
    });

    it('when Intercom shows the part without the rewritten link, then the problem names the link', () => {
      const e = thread({ status: 'migrated', target_id: 'p1', source_hash: hash });
      const a = actual([`${OLD}/hc/en-us/articles/12-Reset?x=1#step-2`], e.attributes);
      a.parts[0] = { ...a.parts[0]!, createdAt: e.parts[0]!.createdAt, authorId: e.parts[0]!.authorId };
      expect(compareThread(e, a)).toEqual({
        outcome: 'mismatched',
        problems: [
          `Reply 1 of 1 (created 2021-03-04 by alice@help.example) lacks its link to ${NEW}#step-2 in Intercom (the old help center's, rewritten).`,
        ],
      });
    });

    it('when the part was written before its links were rewritten (no hash on its row), then its links are not expected', () => {
      const e = thread({ status: 'migrated', target_id: 'p1', source_hash: null });
      expect(e.parts[0]!.links).toEqual([]);
    });
  });
});
