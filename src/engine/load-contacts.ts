// Contacts stage: end users → Intercom contacts (role user). One contact per e-mail, compared without case:
// deduplicated by the ledger and Intercom's 409 (resolved by the client to the existing contact), never by
// search, which lags. Then each contact is attached to its migrated companies.
import { contactSchema, type Contact } from '../model/canonical.js';
import { contentHash } from '../transform/content-hash.js';
import { sourceTags } from '../transform/tags.js';
import { contactIdentity, toContact } from '../transform/to-contact.js';
import type { StageContext } from './context.js';
import { getRows, markResult, targetIds, touch, type LedgerRow } from './ledger.js';
import { loadStaged } from './load-staged.js';
import { applyTags, tagIdCache, tagIdsByName } from './record-tags.js';
import { loadReference, tagWrites, toReferenceData } from './reference-data.js';
import { writeOnce } from './write-once.js';

export async function runContactsStage(ctx: StageContext): Promise<boolean> {
  const stored = await loadReference(ctx.db, ctx.migration.id);
  const ref = toReferenceData(ctx, stored);
  const tagIds = tagIdCache(stored.tagIds);
  const tags = tagWrites(ctx, stored.preexistingTags);
  // Tags the contact (2.16 POST /contacts/{id}/tags); what Intercom refuses comes back as loss lines.
  const tagContact = (targetId: string, names: readonly string[]) =>
    applyTags(names, async (name) => {
      const [tagId] = await tagIdsByName(tags, tagIds, [name]);
      await ctx.intercom.tagContact(targetId, tagId!);
    });
  const rows = new Map<string, LedgerRow>();
  const companies = new Map<string, string>();
  // One contact per e-mail compared without case (DESIGN "Identity"): the first source user of an e-mail
  // creates it, the others are recorded as that contact. Filled from the ledger, then by this stage's writes.
  const byEmail = new Map<string, Promise<string | null>>();
  const unchanged: string[] = [];
  return loadStaged<Contact>(ctx, {
    entity: 'contacts',
    parse: (p) => contactSchema.parse(p),
    maxInFlight: ctx.deps.recordConcurrency,
    preparePage: async (records) => {
      // Merged, not replaced: the next page is prepared while this one's records still wait for a slot.
      for (const [id, row] of await getRows(
        ctx.db,
        ctx.migration.id,
        'contacts',
        records.map((r) => r.sourceId),
      ))
        rows.set(id, row);
      for (const [id, target] of await targetIds(
        ctx.db,
        ctx.migration.id,
        'companies',
        records.flatMap((r) => r.payload.companyIds),
      ))
        companies.set(id, target);
      const emails = records.flatMap((r) => {
        const id = contactIdentity(r.payload, ctx.platform);
        return id.kind === 'email' && !byEmail.has(id.value) ? [id.value] : [];
      });
      for (const [email, targetId] of await migratedEmails(ctx, emails))
        byEmail.set(email, Promise.resolve(targetId));
    },
    process: async ({ sourceId, payload: contact }) => {
      const mapped = toContact(contact, ref);
      const companyIds = contact.companyIds.flatMap((id) => companies.get(id) ?? []);
      const tags = sourceTags(contact.tags);
      const hash = contentHash({ body: mapped.body, companyIds, ...(tags.length > 0 ? { tags } : {}) });
      const existing = rows.get(sourceId) ?? null;
      rows.delete(sourceId);
      if (existing?.status === 'migrated' && existing.source_hash === hash) {
        unchanged.push(sourceId);
        return;
      }
      const identity = contactIdentity(contact, ctx.platform);
      const sameEmail = identity.kind === 'email' ? byEmail.get(identity.value) : undefined;
      if (existing?.status !== 'migrated' && sameEmail) {
        const targetId = await sameEmail;
        if (targetId) {
          for (const companyId of companyIds) await ctx.intercom.attachContactToCompany(targetId, companyId);
          const losses = await tagContact(targetId, tags);
          await markResult(
            ctx.db,
            { migrationId: ctx.migration.id, entity: 'contacts', sourceId },
            ctx.run.id,
            {
              status: 'migrated',
              targetId,
              hash,
              reason: [
                `shares its e-mail ${identity.value} with another user: both are this one Intercom contact`,
                ...losses,
              ].join('; '),
            },
          );
          return;
        }
      }
      let settle: (targetId: string | null) => void = () => undefined;
      if (identity.kind === 'email' && !sameEmail)
        byEmail.set(identity.value, new Promise((resolve) => (settle = resolve)));
      let outcome: Awaited<ReturnType<typeof writeOnce>>;
      const tagLosses: string[] = [];
      try {
        outcome = await writeOnce(ctx.write, {
          key: { migrationId: ctx.migration.id, entity: 'contacts', sourceId },
          existing: existing?.status === 'migrated' ? null : existing,
          hash,
          // Read when the row is marked migrated, after the contact was tagged.
          get note() {
            return [...mapped.notes, ...tagLosses].join('; ') || null;
          },
          // By the external_id Ferry set (a read that does not lag, unlike search); with only an e-mail,
          // creating again is harmless: Intercom answers 409 with the contact it already has.
          reconcile: async () => {
            const externalId = mapped.body.external_id;
            const found = externalId ? await ctx.intercom.findContactByExternalId(externalId) : null;
            // The earlier attempt may have died before linking the companies or tagging (both idempotent).
            if (found) {
              for (const companyId of companyIds) await ctx.intercom.attachContactToCompany(found, companyId);
              tagLosses.splice(0, tagLosses.length, ...(await tagContact(found, tags)));
            }
            return found;
          },
          write: async () => {
            // An update, or Intercom's 409 on a contact it had already: not created by Ferry (never rolled back).
            const written =
              existing?.status === 'migrated' && existing.target_id
                ? {
                    id: (await ctx.intercom.updateContact(existing.target_id, mapped.body)).id,
                    created: false,
                  }
                : await ctx.intercom.createContact(mapped.body);
            const target = written.id;
            for (const companyId of companyIds) await ctx.intercom.attachContactToCompany(target, companyId);
            tagLosses.splice(0, tagLosses.length, ...(await tagContact(target, tags)));
            return { id: target, created: written.created };
          },
        });
      } catch (error) {
        settle(null);
        throw error;
      }
      settle(outcome.status === 'migrated' ? outcome.targetId : null);
    },
    finishPage: async () => {
      await touch(ctx.db, ctx.migration.id, 'contacts', unchanged.splice(0), ctx.run.id);
    },
  });
}

/** E-mail (lower case) → Intercom contact, for the migration's contacts already migrated with those e-mails. */
export async function migratedEmails(ctx: StageContext, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await ctx
    .db('run_records as r')
    .join('ledger as l', (j) =>
      j
        .on('l.source_id', 'r.source_id')
        .andOn('l.entity', 'r.entity')
        .andOnVal('l.migration_id', ctx.migration.id)
        .andOnVal('l.status', 'migrated'),
    )
    .where({ 'r.run_id': ctx.run.id, 'r.entity': 'contacts' })
    .whereRaw(`lower(trim(r.payload->>'email')) = any(?)`, [emails])
    .whereNotNull('l.target_id')
    .select<{ email: string; target_id: string }[]>(
      ctx.db.raw(`lower(trim(r.payload->>'email')) as email`),
      'l.target_id',
    );
  return new Map(rows.map((r) => [r.email, r.target_id]));
}
