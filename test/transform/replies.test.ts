import { describe, expect, it } from 'vitest';
import { toReplies, type ReplyContext } from '../../src/transform/to-reply.js';
import { attachment, comment, lookups, reference, T0_SECONDS } from './fixtures.js';

function ctx(over: Partial<ReplyContext> = {}): ReplyContext {
  return { ref: reference(), lookups: lookups(), target: 'tickets', repliers: new Set(['501']), ...over };
}

describe('toReplies', () => {
  it('when an agent writes a public comment, then the matched teammate replies with its created_at, silenced', () => {
    const r = toReplies(
      comment({ authorId: '9001', authorRole: 'agent', html: '<p>Gern geschehen 😀</p>' }),
      ctx(),
    );
    expect(r.parts).toEqual([
      {
        key: 'comment:c1',
        sourceCommentId: 'c1',
        body: {
          message_type: 'comment',
          type: 'admin',
          admin_id: '111',
          body: '<p>Gern geschehen 😀</p>',
          created_at: T0_SECONDS,
          skip_notifications: true,
        },
        transport: 'files',
        attachments: [],
      },
    ]);
  });

  it('when an agent writes a private comment, then it is a note', () => {
    const r = toReplies(comment({ authorId: '9001', authorRole: 'agent', public: false }), ctx());
    expect(r.parts[0]?.body.message_type).toBe('note');
  });

  it('when a deactivated agent wrote it, then the fallback teammate replies with "Originally written by NAME"', () => {
    const r = toReplies(comment({ authorId: '9002', authorRole: 'agent', html: '<p>Done</p>' }), ctx());
    expect(r.parts[0]?.body).toMatchObject({
      type: 'admin',
      admin_id: '999',
      message_type: 'comment',
      body: '<p><i>Originally written by Bob Gone</i></p><p>Done</p>',
    });
  });

  it('when deactivated agents are skipped, then the comment is skipped with a reason', () => {
    const r = toReplies(
      comment({ authorId: '9002', authorRole: 'agent' }),
      ctx({ ref: reference({ options: { inactiveAgents: 'skip' } }) }),
    );
    expect(r.parts).toEqual([]);
    expect(r.skipped).toBe('written by the deactivated agent Bob Gone');
  });

  it('when the requester writes publicly on a ticket, then it is their reply in plain text, with files as URLs', () => {
    const r = toReplies(
      comment({ html: '<p>Danke &amp; Grüße</p><p>Jürgen</p>', attachments: [attachment(1)] }),
      ctx(),
    );
    expect(r.parts[0]?.body).toEqual({
      message_type: 'comment',
      type: 'user',
      intercom_user_id: 'ic-501',
      body: 'Danke & Grüße\nJürgen',
      created_at: T0_SECONDS,
      skip_notifications: true,
    });
    expect(r.parts[0]?.transport).toBe('urls');
    expect(r.parts[0]?.attachments.map((a) => a.attachmentId)).toEqual(['a1']);
  });

  it('when the requester replies on a conversation, then files travel as attachment_files and no skip_notifications is sent', () => {
    const r = toReplies(comment({ attachments: [attachment(1)] }), ctx({ target: 'conversations' }));
    expect(r.parts[0]?.transport).toBe('files');
    expect(r.parts[0]?.body).not.toHaveProperty('skip_notifications');
  });

  it('when a CC\'d end user writes publicly on a ticket, then it stays public: a silenced teammate reply "From NAME <email>: …", its writer reported', () => {
    const l = lookups({ '777': { contactId: 'ic-777', name: 'Cara CC', email: 'cara@x.io' } });
    const r = toReplies(comment({ authorId: '777', html: '<p>Me too</p>' }), ctx({ lookups: l }));
    expect(r.parts[0]?.body).toEqual({
      type: 'admin',
      admin_id: '999',
      message_type: 'comment',
      body: '<p><i>From Cara CC &lt;cara@x.io&gt;:</i></p><p>Me too</p>',
      created_at: T0_SECONDS,
      skip_notifications: true,
    });
    expect(r.note).toMatch(
      /^written by Cara CC, who cannot reply on the Intercom ticket .*public teammate reply/,
    );
  });

  it('when a CC\'d end user writes privately on a ticket, then a note "From NAME <email>: …" carries it', () => {
    const l = lookups({ '777': { contactId: 'ic-777', name: 'Cara CC', email: 'cara@x.io' } });
    const r = toReplies(
      comment({ authorId: '777', html: '<p>Internal</p>', public: false }),
      ctx({ lookups: l }),
    );
    expect(r.parts[0]?.body).toMatchObject({ type: 'admin', message_type: 'note' });
    expect(r.parts[0]?.body.body).toContain('From Cara CC');
    expect(r.note).toBeNull();
  });

  it('when an automation wrote it, then the fallback teammate carries it with an attribution', () => {
    const r = toReplies(comment({ authorId: null, authorRole: 'system', html: '<p>Auto</p>' }), ctx());
    expect(r.parts[0]?.body.body).toBe(
      '<p><i>Originally written by an automation of the old help desk</i></p><p>Auto</p>',
    );
  });

  it('when an agent comment has 12 attachments, then three parts of 5/5/2 follow each other with the same created_at', () => {
    const files = Array.from({ length: 12 }, (_, i) => attachment(i + 1));
    const r = toReplies(comment({ authorId: '9001', authorRole: 'agent', attachments: files }), ctx());
    expect(r.parts.map((p) => p.attachments.length)).toEqual([5, 5, 2]);
    expect(r.parts.map((p) => p.key)).toEqual(['comment:c1', 'comment:c1#2', 'comment:c1#3']);
    expect(r.parts[1]?.body.body).toBe('<p><i>Attachments, continued (2 of 3)</i></p>');
    expect(new Set(r.parts.map((p) => p.body.created_at))).toEqual(new Set([T0_SECONDS]));
  });

  it('when an inline image stood in the body, then the part has a marker and carries the image as an attachment', () => {
    const img = attachment(5, {
      fileName: 'shot.png',
      inline: true,
      inlineRef: 'https://acme.zendesk.example/img/5',
    });
    const r = toReplies(
      comment({
        authorId: '9001',
        authorRole: 'agent',
        html: '<p>See <img src="https://acme.zendesk.example/img/5"></p>',
        attachments: [img],
      }),
      ctx(),
    );
    expect(r.parts[0]?.body.body).toBe('<p>See [image: shot.png]</p>');
    expect(r.parts[0]?.attachments.map((a) => a.attachmentId)).toEqual(['a5']);
  });

  it('when a comment has only plain text with markup characters, then they are escaped, not interpreted', () => {
    const r = toReplies(
      comment({ authorId: '9001', authorRole: 'agent', html: '', plain: 'a <script>x</script>\nb' }),
      ctx(),
    );
    expect(r.parts[0]?.body.body).toBe('<p>a &lt;script&gt;x&lt;/script&gt;<br />b</p>');
  });

  it('when a comment is empty and has no files, then it is skipped with a reason', () => {
    const r = toReplies(comment({ html: '<p> </p>', plain: '' }), ctx());
    expect(r.skipped).toBe('empty comment: no text and no attachments');
  });

  it('when a comment has only attachments, then the body says so', () => {
    const r = toReplies(
      comment({ authorId: '9001', authorRole: 'agent', html: '', plain: '', attachments: [attachment(1)] }),
      ctx(),
    );
    expect(r.parts[0]?.body.body).toBe('<p><i>Attachments</i></p>');
  });
});

describe('toReplies with an agent the source no longer lists', () => {
  it('when the look-up knows the person, then the attribution names them', () => {
    const l = lookups({ '4242': { contactId: null, name: 'Dora Deleted', email: null } });
    const r = toReplies(
      comment({ authorId: '4242', authorRole: 'agent', html: '<p>x</p>' }),
      ctx({ lookups: l }),
    );
    expect(r.parts[0]?.body.body).toBe('<p><i>Originally written by Dora Deleted</i></p><p>x</p>');
  });
});
