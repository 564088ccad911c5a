import { describe, expect, it } from 'vitest';
import { applyAttachments, chunk, oversizeReason, planAttachments } from '../../src/transform/attachments.js';
import { parseSettings } from '../../src/settings/settings.js';
import { attachment } from './fixtures.js';

describe('planAttachments', () => {
  it('when a comment has 12 attachments, then they go in parts of 5, 5 and 2', () => {
    const files = Array.from({ length: 12 }, (_, i) => attachment(i + 1));
    const plan = planAttachments(files, [], parseSettings({}));
    expect(plan.chunks.map((c) => c.length)).toEqual([5, 5, 2]);
    expect(plan.chunks.flat().map((p) => p.attachmentId)).toEqual(files.map((f) => f.id));
    expect(plan.skipped).toEqual([]);
  });

  it('when attachmentsPerPart is 10, then 12 files go in parts of 10 and 2', () => {
    const files = Array.from({ length: 12 }, (_, i) => attachment(i + 1));
    expect(
      planAttachments(files, [], parseSettings({ options: { attachmentsPerPart: 10 } })).chunks.map(
        (c) => c.length,
      ),
    ).toEqual([10, 2]);
  });

  it('when a file is over the size cap, then it is skipped with a reason naming it', () => {
    const settings = parseSettings({ options: { maxAttachmentBytes: 1024 * 1024 } });
    const plan = planAttachments(
      [attachment(1, { size: 3 * 1024 * 1024, fileName: 'big.iso' }), attachment(2)],
      [],
      settings,
    );
    expect(plan.chunks.flat().map((p) => p.attachmentId)).toEqual(['a2']);
    expect(plan.skipped).toEqual([
      {
        attachmentId: 'a1',
        fileName: 'big.iso',
        reason: 'attachment "big.iso" (3 MB, over the 1 MB cap) skipped',
      },
    ]);
    expect(plan.chunks[0]?.[0]?.maxBytes).toBe(1024 * 1024);
  });

  it('when the size is unknown, then the file is planned and the engine enforces maxBytes while streaming', () => {
    const plan = planAttachments([attachment(1, { size: null })], [], parseSettings({}));
    expect(plan.chunks[0]).toHaveLength(1);
    expect(oversizeReason('x.bin', null, 1024 * 1024)).toBe(
      'attachment "x.bin" (larger than the 1 MB cap) skipped',
    );
  });

  it('when inline images stood in the body, then they come first in body order', () => {
    const a = attachment(1);
    const b = attachment(2, { inline: true });
    const c = attachment(3, { inline: true });
    const plan = planAttachments([a, b, c], [c, b], parseSettings({}));
    expect(plan.chunks[0]?.map((p) => p.attachmentId)).toEqual(['a3', 'a2', 'a1']);
  });
});

describe('applyAttachments', () => {
  it('when files are resolved, then attachment_files carries them and skipped ones are left out', () => {
    const body = applyAttachments(
      { body: 'x' } as {
        body: string;
        attachment_files?: { name: string; content_type: string; data: string }[];
      },
      'files',
      [
        { kind: 'file', file: { name: 'a.pdf', content_type: 'application/pdf', data: 'QQ==' } },
        { kind: 'skipped', reason: 'too big' },
      ],
    );
    expect(body).toEqual({
      body: 'x',
      attachment_files: [{ name: 'a.pdf', content_type: 'application/pdf', data: 'QQ==' }],
    });
  });

  it('when URLs are resolved for a URL-only endpoint, then attachment_urls carries them', () => {
    expect(
      applyAttachments({ body: 'x' } as { body: string; attachment_urls?: string[] }, 'urls', [
        { kind: 'url', url: 'https://ferry/f/1' },
      ]),
    ).toEqual({
      body: 'x',
      attachment_urls: ['https://ferry/f/1'],
    });
  });

  it('when nothing resolved, then the body is unchanged', () => {
    const body: { body: string; attachment_files?: never[] } = { body: 'x' };
    expect(applyAttachments(body, 'files', [])).toEqual({ body: 'x' });
  });
});

describe('chunk', () => {
  it('when the list is empty, then there are no chunks', () => {
    expect(chunk([], 5)).toEqual([]);
  });
});
