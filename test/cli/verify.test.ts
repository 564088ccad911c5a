import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/report/csv.js';
import { tamper } from '../../src/sandbox/intercom/index.js';
import { HARD_CASES } from '../../src/sandbox/sample-account/index.js';
import { PAST_500_PARTS } from '../../src/transform/verify-thread.js';
import type { VerificationReport } from '../../src/report/verification.js';
import { startCliWorld, ZENDESK_ADMIN, type CliWorld } from './world.js';

const MIGRATION = 'verify-cli';

async function readVerification(dir: string): Promise<VerificationReport> {
  return JSON.parse(await readFile(path.join(dir, 'verification.json'), 'utf8')) as VerificationReport;
}

async function readMismatches(dir: string): Promise<string[][]> {
  return parseCsv(await readFile(path.join(dir, 'mismatches.csv'), 'utf8'));
}

describe('ferry verify against the Zendesk and Intercom emulators', () => {
  let w: CliWorld;
  const source = () => [
    '--from',
    'zendesk',
    '--from-url',
    w.zendesk.url,
    '--from-email',
    ZENDESK_ADMIN.email,
    '--from-token',
    ZENDESK_ADMIN.token,
  ];
  const verifyArgs = (dir: string, extra: string[] = []) => [
    'verify',
    '--migration',
    MIGRATION,
    '--to-url',
    w.intercom.url,
    '--to-token',
    w.intercom.accessToken,
    '--report',
    dir,
    ...extra,
  ];
  beforeAll(async () => {
    w = await startCliWorld();
  });
  afterAll(async () => w?.close());

  it(
    'when a full run ends, then its reports hold verification.json with no mismatch and the 600-comment ticket not verifiable',
    { timeout: 240_000 },
    async () => {
      const dir = path.join(w.dataDir, 'run');
      const r = await w.ferry(w.zendeskArgs(['--migration', MIGRATION, '--report', dir]));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Verified: \d+ matched · 0 mismatched · 1 not verifiable$/m);
      const report = await readVerification(dir);
      expect(report.total.mismatched).toBe(0);
      expect(report.entities.tickets!.checked).toBeGreaterThan(10);
      expect(report.entities.contacts!.matched).toBeGreaterThan(0);
      expect(report.unverifiable).toEqual([
        expect.objectContaining({
          entity: 'tickets',
          source_id: w.account.ticket(HARD_CASES.longTicket).id,
          reason: PAST_500_PARTS,
        }),
      ]);
      expect(await readMismatches(dir)).toEqual([['entity', 'source_id', 'target_id', 'problem']]);
    },
  );

  it('when the run ended and no source credentials are given, then it exits 2 naming --from', async () => {
    const r = await w.ferry(verifyArgs(path.join(w.dataDir, 'no-source')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ferry: .*staged records are gone.*--from/);
  });

  it.each([
    ['--report is missing', 2, ['verify', '--migration', MIGRATION, '--to-token', 't']],
    [
      'the migration does not exist',
      1,
      ['verify', '--migration', 'nope', '--to-token', 't', '--report', path.join('/tmp', 'ferry-none')],
    ],
  ])('when %s, then it exits %i', async (_case, code, args) => {
    const r = await w.ferry(args);
    expect(r.code, r.stderr).toBe(code);
  });

  it(
    'when a reply, an attachment and a tag are removed in Intercom, then `ferry verify` exits 4 with exactly those three, having only read',
    { timeout: 240_000 },
    async () => {
      const clean = path.join(w.dataDir, 'verify-clean');
      const first = await w.ferry(verifyArgs(clean, source()));
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/: \d+ matched · 0 mismatched · 1 not verifiable/);

      const long = w.account.ticket(HARD_CASES.longTicket).id;
      const tickets = await w.db
        .knex('ledger')
        .where({ entity: 'tickets', status: 'migrated' })
        .whereNot({ source_id: long })
        .orderBy('source_id')
        .select<{ source_id: string; target_id: string }[]>('source_id', 'target_id');
      const targetOf = new Map(tickets.map((t) => [t.source_id, t.target_id]));
      // A reply: a comment's own part on one ticket.
      const reply = await w.db
        .knex('ledger')
        .where({ entity: 'parts', status: 'migrated' })
        .whereIn('parent_source_id', [...targetOf.keys()])
        .where('source_id', 'like', 'comment:%')
        .whereNot('source_id', 'like', '%#%')
        .first<{ parent_source_id: string; target_id: string }>('parent_source_id', 'target_id');
      tamper.removePart(w.intercom, targetOf.get(reply.parent_source_id)!, reply.target_id);
      // An attachment on another ticket (its ledger row's target is its part).
      const attachment = await w.db
        .knex('ledger')
        .where({ entity: 'attachments', status: 'migrated' })
        .whereIn('parent_source_id', [...targetOf.keys()])
        .whereNot({ parent_source_id: reply.parent_source_id })
        .first<{ parent_source_id: string; target_id: string }>('parent_source_id', 'target_id');
      const attachmentTicket = targetOf.get(attachment.parent_source_id)!;
      const part = w.intercom.state.tickets
        .get(attachmentTicket)!
        .parts.find((p) => p.id === attachment.target_id)!;
      tamper.removeAttachment(w.intercom, attachmentTicket, part.id, part.attachments[0]!.name);
      // A tag on a third ticket.
      const tagged = tickets.find(
        (t) =>
          t.source_id !== reply.parent_source_id &&
          t.source_id !== attachment.parent_source_id &&
          w.intercom.state.taggings
            .all()
            .some((g) => g.objectType === 'ticket' && g.objectId === t.target_id),
      )!;
      const tagging = w.intercom.state.taggings
        .all()
        .find((g) => g.objectType === 'ticket' && g.objectId === tagged.target_id)!;
      const tagName = String(w.intercom.state.tags.get(tagging.tagId)!.name);
      tamper.untag(w.intercom, 'ticket', tagged.target_id, tagName);

      const seen = w.intercom.state.requests.length;
      const dir = path.join(w.dataDir, 'verify-tampered');
      const r = await w.ferry(verifyArgs(dir, source()));
      expect(r.code, r.stderr).toBe(4);
      const rows = (await readMismatches(dir)).slice(1);
      expect(rows).toHaveLength(3);
      expect(rows).toEqual(
        expect.arrayContaining([
          [
            'tickets',
            reply.parent_source_id,
            targetOf.get(reply.parent_source_id),
            expect.stringMatching(
              /^(Reply|Note) \d+ of \d+ \(created \d{4}-\d\d-\d\d by .+\) is missing in Intercom\.$/,
            ),
          ],
          ['tickets', attachment.parent_source_id, attachmentTicket, expect.stringMatching(/attachment/i)],
          [
            'tickets',
            tagged.source_id,
            tagged.target_id,
            `Tag "${tagName}" is missing on the ticket in Intercom.`,
          ],
        ]),
      );
      const report = await readVerification(dir);
      expect(report.entities.tickets!.mismatched).toBe(3);
      // Verification never writes: only reads (GETs) reached Intercom.
      const calls = w.intercom.state.requests.slice(seen);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
    },
  );
});
