// Companies stage: organizations → Intercom companies (POST /companies is an upsert keyed on company_id
// "<platform>:<id>", so a repeat never makes a second company; a pending one is looked up by that company_id). An organization without contacts is skipped
// with Intercom's reason unless the settings ask to create it anyway.
import { companySchema, type Company } from '../model/canonical.js';
import { contentHash } from '../transform/content-hash.js';
import { sourceTags } from '../transform/tags.js';
import { companySkipReason, toCompany } from '../transform/to-company.js';
import type { StageContext } from './context.js';
import { getRows, markResult, touch, type LedgerRow } from './ledger.js';
import { loadStaged } from './load-staged.js';
import { applyTags } from './record-tags.js';
import { loadReference, tagWrites, toReferenceData } from './reference-data.js';
import { writeOnce } from './write-once.js';

/** Companies some contact of the run (or an earlier run) belongs to. */
async function companiesWithContacts(ctx: StageContext): Promise<Set<string>> {
  const rows = await ctx.db.raw<{ rows: { id: string }[] }>(
    `select distinct jsonb_array_elements_text(payload->'companyIds') as id
       from run_records where run_id = ? and entity = 'contacts'
     union select source_id from ledger where migration_id = ? and entity = 'companies' and status = 'migrated'`,
    [ctx.run.id, ctx.migration.id],
  );
  return new Set(rows.rows.map((r) => r.id));
}

export async function runCompaniesStage(ctx: StageContext): Promise<boolean> {
  const stored = await loadReference(ctx.db, ctx.migration.id);
  const ref = toReferenceData(ctx, stored);
  const tagsOf = tagWrites(ctx, stored.preexistingTags);
  const withContacts = await companiesWithContacts(ctx);
  const rows = new Map<string, LedgerRow>();
  const unchanged: string[] = [];
  return loadStaged<Company>(ctx, {
    entity: 'companies',
    parse: (p) => companySchema.parse(p),
    maxInFlight: ctx.deps.recordConcurrency,
    preparePage: async (records) => {
      // Merged, not replaced: the next page is prepared while this one's records still wait for a slot.
      for (const [id, row] of await getRows(
        ctx.db,
        ctx.migration.id,
        'companies',
        records.map((r) => r.sourceId),
      ))
        rows.set(id, row);
    },
    process: async ({ sourceId, payload: company }) => {
      const key = { migrationId: ctx.migration.id, entity: 'companies', sourceId };
      const skip = companySkipReason(withContacts.has(sourceId) ? 1 : 0, ctx.settings);
      if (skip) {
        await markResult(ctx.db, key, ctx.run.id, { status: 'skipped', reason: skip });
        return;
      }
      const mapped = toCompany(company, ref);
      const tags = sourceTags(company.tags);
      // Tags join the hash only when there are some, so untagged companies keep their earlier hashes.
      const hash = contentHash(tags.length > 0 ? { body: mapped.body, tags } : mapped.body);
      const existing = rows.get(sourceId) ?? null;
      rows.delete(sourceId);
      if (existing?.status === 'migrated' && existing.source_hash === hash) {
        unchanged.push(sourceId);
        return;
      }
      // The upsert is idempotent: a changed company is simply written again, and so is tagging.
      const tagLosses: string[] = [];
      // 2.16 tags companies only by name through POST /tags (tag_company_request).
      const tagCompany = async (id: string) =>
        tagLosses.splice(
          0,
          tagLosses.length,
          ...(await applyTags(tags, (name) => tagsOf.tagCompany(name, id))),
        );
      await writeOnce(ctx.write, {
        key,
        existing: existing?.status === 'migrated' ? null : existing,
        hash,
        // Read when the row is marked migrated, after the company was tagged.
        get note() {
          return [...mapped.notes, ...tagLosses].join('; ') || null;
        },
        // By company_id, a read that does not lag writes (search does). The earlier attempt may have died
        // before tagging: tagging is idempotent, so it is done again.
        reconcile: async () => {
          const found = await ctx.intercom.findCompany(mapped.body.company_id);
          if (found) await tagCompany(found);
          return found;
        },
        write: async () => {
          const id = (await ctx.intercom.upsertCompany(mapped.body)).id;
          await tagCompany(id);
          return id;
        },
      });
    },
    finishPage: async () => {
      await touch(ctx.db, ctx.migration.id, 'companies', unchanged.splice(0), ctx.run.id);
    },
  });
}
