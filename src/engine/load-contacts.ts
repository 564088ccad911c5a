// Contacts stage: end users → Intercom contacts (role user). One contact per e-mail, compared without case:
// deduplicated by the ledger and Intercom's 409 (resolved by the client to the existing contact), never by
// search, which lags. Then each contact is attached to its migrated companies.
import { contactSchema, type Contact } from '../model/canonical.js';
import { contentHash } from '../transform/content-hash.js';
import { toContact } from '../transform/to-contact.js';
import type { StageContext } from './context.js';
import { getRows, targetIds, touch, type LedgerRow } from './ledger.js';
import { loadStaged } from './load-staged.js';
import { loadReference, toReferenceData } from './reference-data.js';
import { writeOnce } from './write-once.js';

export async function runContactsStage(ctx: StageContext): Promise<boolean> {
  const ref = toReferenceData(ctx, await loadReference(ctx.db, ctx.migration.id));
  let rows = new Map<string, LedgerRow>();
  let companies = new Map<string, string>();
  const unchanged: string[] = [];
  return loadStaged<Contact>(ctx, {
    entity: 'contacts',
    parse: (p) => contactSchema.parse(p),
    concurrency: ctx.deps.recordConcurrency ?? 8,
    preparePage: async (records) => {
      rows = await getRows(
        ctx.db,
        ctx.migration.id,
        'contacts',
        records.map((r) => r.sourceId),
      );
      companies = await targetIds(
        ctx.db,
        ctx.migration.id,
        'companies',
        records.flatMap((r) => r.payload.companyIds),
      );
    },
    process: async ({ sourceId, payload: contact }) => {
      const mapped = toContact(contact, ref);
      const companyIds = contact.companyIds.flatMap((id) => companies.get(id) ?? []);
      const hash = contentHash({ body: mapped.body, companyIds });
      const existing = rows.get(sourceId) ?? null;
      if (existing?.status === 'migrated' && existing.source_hash === hash) {
        unchanged.push(sourceId);
        return;
      }
      await writeOnce(ctx.write, {
        key: { migrationId: ctx.migration.id, entity: 'contacts', sourceId },
        existing: existing?.status === 'migrated' ? null : existing,
        hash,
        note: mapped.notes.join('; ') || null,
        // Creating again is harmless: Intercom answers 409 with the contact it already has.
        reconcile: async () => null,
        write: async () => {
          const target =
            existing?.status === 'migrated' && existing.target_id
              ? (await ctx.intercom.updateContact(existing.target_id, mapped.body)).id
              : (await ctx.intercom.createContact(mapped.body)).id;
          for (const companyId of companyIds) await ctx.intercom.attachContactToCompany(target, companyId);
          return target;
        },
      });
    },
    finishPage: async () => {
      await touch(ctx.db, ctx.migration.id, 'contacts', unchanged.splice(0), ctx.run.id);
    },
  });
}
