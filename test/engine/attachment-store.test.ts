import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createMigration, ensureWorkspace } from '../../src/app/runs.js';
import { attachmentLinkSigner } from '../../src/engine/attachment-links.js';
import { attachmentRoutes } from '../../src/engine/attachment-routes.js';
import { sweepAttachmentFiles } from '../../src/engine/finalise.js';
import { putFile } from '../../src/db/repositories/attachment-files.js';
import { silent } from './harness.js';

describe("Ferry's attachment store and its links", () => {
  let db: TestDatabase;
  let migrationId: string;
  let runId: string;
  const signer = attachmentLinkSigner({ publicUrl: 'http://127.0.0.1:1', secret: 'store-test-secret' });
  // Another process: its own Express app over the same database and link secret.
  const server = () => express().use(attachmentRoutes({ signer, logger: silent, db: db.knex }));
  const pathOf = (url: string) => new URL(url).pathname;
  const store = (sourceId: string, bytes: Buffer) =>
    putFile(db.knex, {
      migrationId,
      runId,
      sourceId,
      fileName: 'Prix – 2026.pdf',
      contentType: 'application/pdf',
      bytes,
    });

  /** The link marks its file served once the response has ended (just after the client has it). */
  const servedAt = async (id: string) => {
    for (let i = 0; i < 50; i++) {
      const row = await db.knex('attachment_files').where({ id }).first('served_at');
      if (row?.served_at) return row.served_at as Date;
      await new Promise((r) => setTimeout(r, 20));
    }
    return null;
  };

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    const workspaceId = await ensureWorkspace(db.knex, 'ws-store', 'Store');
    migrationId = await createMigration(db.knex, { workspaceId, name: 'store', platform: 'freshdesk' });
    [{ id: runId }] = await db
      .knex('runs')
      .insert({ migration_id: migrationId, kind: 'full' })
      .returning('id');
  });
  afterAll(async () => db?.drop());

  it('when a link to a stored file is fetched, then its bytes stream from PostgreSQL in slices with its name and type', async () => {
    // Over the 1 MB slice: read in more than one query.
    const bytes = Buffer.alloc(2.5 * 1024 * 1024, 7);
    bytes.write('%PDF-1.7', 0);
    const id = await store('a-1', bytes);
    const url = signer.url(migrationId, id, 'Prix – 2026.pdf');
    expect(pathOf(url)).toMatch(/\/Prix%20%E2%80%93%202026\.pdf$/);
    const res = await request(server())
      .get(pathOf(url))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''Prix%20%E2%80%93%202026.pdf");
    expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
    expect(await servedAt(id)).not.toBeNull();
  });

  it('when a link is forged, expired or names another migration, then it is refused with 404', async () => {
    const id = await store('a-2', Buffer.from('x'));
    await request(server()).get('/files/not-a-token').expect(404);
    const expired = attachmentLinkSigner({
      publicUrl: 'http://x',
      secret: 'store-test-secret',
      ttlSeconds: -1,
    });
    await request(server())
      .get(pathOf(expired.url(migrationId, id, 'x')))
      .expect(404);
    const other = signer.url('00000000-0000-0000-0000-000000000000', id, 'x');
    await request(server()).get(pathOf(other)).expect(404);
  });

  it('when the run is swept, then served files go at once, unserved ones stay until no link to them can be valid', async () => {
    const served = await store('s-1', Buffer.from('served'));
    const unserved = await store('s-2', Buffer.from('not yet'));
    await request(server())
      .get(pathOf(signer.url(migrationId, served, 'f')))
      .expect(200);
    expect(await servedAt(served)).not.toBeNull();
    const run = { id: runId } as Parameters<typeof sweepAttachmentFiles>[0]['run'];
    await sweepAttachmentFiles({ db: db.knex, run, logger: silent });
    const left = await db.knex('attachment_files').whereIn('id', [served, unserved]).pluck('id');
    expect(left).toEqual([unserved]);
    // Two hours old: past the link's hour, swept by any run's finalise.
    await db
      .knex('attachment_files')
      .where({ id: unserved })
      .update({
        created_at: db.knex.raw(`now() - interval '2 hours'`),
      });
    await sweepAttachmentFiles({ db: db.knex, run: { ...run, id: runId }, logger: silent });
    expect(await db.knex('attachment_files').where({ id: unserved }).first()).toBeUndefined();
    await request(server())
      .get(pathOf(signer.url(migrationId, unserved, 'f')))
      .expect(404);
  });
});
