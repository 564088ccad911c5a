// A source's delivery (issue 16): checked, then only its changed id is queued. Nothing here calls the source
// or Intercom: the debounced live.apply job does the work, so a burst costs one targeted delta.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { sealContext, type Cipher } from '../../crypto.js';
import { InputError, NotFoundError, SignatureError } from '../../errors.js';
import { scheduleApply } from '../../jobs/tasks/live.js';
import { getFollow } from './follow.js';

/** Deliveries signed longer ago than this are refused as replays (and as clocks too far apart). */
export const REPLAY_WINDOW_MS = 5 * 60_000;

export interface Delivery {
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  body: unknown;
  now?: Date;
}

// The event envelope (developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types):
// subject "zen:<kind>:<id>"; Ferry's ticket trigger sends the same shape (src/sources/zendesk/live.ts).
const SUBJECT = /^zen:(ticket|user|organization):(\d+)$/;
const envelope = z.object({ subject: z.string().regex(SUBJECT) });
const ENTITY = { ticket: 'tickets', user: 'contacts', organization: 'companies' } as const;

/** base64(HMAC-SHA256(timestamp + body)) with one of the webhooks' secrets, compared in constant time. */
export function zendeskSignatureValid(
  secrets: readonly string[],
  rawBody: Buffer,
  timestamp: string,
  signature: string,
): boolean {
  const given = Buffer.from(signature, 'base64');
  let ok = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(timestamp).update(rawBody).digest();
    // Every secret is tried, so the time taken says nothing about which one matched.
    if (given.length === expected.length && timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}

export async function receiveZendeskDelivery(
  deps: { db: Knex; cipher: Cipher },
  migrationId: string,
  d: Delivery,
): Promise<{ entity: string; sourceId: string }> {
  if (!z.string().uuid().safeParse(migrationId).success) throw new NotFoundError('No such subscription');
  const follow = await getFollow(deps.db, migrationId);
  if (!follow || follow.status !== 'following') throw new NotFoundError('No such subscription');
  if (!d.signature || !d.timestamp) throw new SignatureError('The delivery is not signed');
  const context = sealContext.liveWebhookSecret(migrationId);
  const secrets = follow.subscription.webhooks.flatMap((w) =>
    w.secretEnc ? [deps.cipher.decrypt(w.secretEnc, context)] : [],
  );
  if (!zendeskSignatureValid(secrets, d.rawBody, d.timestamp, d.signature))
    throw new SignatureError('The delivery’s signature does not match this migration’s webhooks');
  const signedAt = Date.parse(d.timestamp);
  const now = (d.now ?? new Date()).getTime();
  if (!Number.isFinite(signedAt) || Math.abs(now - signedAt) > REPLAY_WINDOW_MS)
    throw new SignatureError('The delivery is too old (or from a clock far off): refused as a replay');
  const parsed = envelope.safeParse(d.body);
  if (!parsed.success) throw new InputError('The delivery names no ticket, user or organization', 'subject');
  const [, kind, sourceId] = SUBJECT.exec(parsed.data.subject)!;
  const entity = ENTITY[kind as keyof typeof ENTITY];
  await queueChange(deps.db, migrationId, entity, sourceId!);
  return { entity, sourceId: sourceId! };
}

// Ferry's suggested automation body: {"ticket_id": "{{ticket.id}}"} (src/app/live/follow.ts).
const freshdeskBody = z.object({
  ticket_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+$/)),
});

/** Freshdesk's automation delivery: unsigned, so the URL's token is the proof, compared in constant time. */
export async function receiveFreshdeskDelivery(
  deps: { db: Knex; cipher: Cipher },
  migrationId: string,
  token: string,
  body: unknown,
): Promise<{ entity: string; sourceId: string }> {
  if (!z.string().uuid().safeParse(migrationId).success) throw new NotFoundError('No such subscription');
  const follow = await getFollow(deps.db, migrationId);
  if (!follow || follow.status !== 'following' || !follow.subscription.tokenEnc)
    throw new NotFoundError('No such subscription');
  const expected = deps.cipher.decrypt(
    follow.subscription.tokenEnc,
    sealContext.liveWebhookSecret(migrationId),
  );
  // Hashes of equal length, so the comparison takes the same time whatever the given token's length.
  const same = timingSafeEqual(sha256(token), sha256(expected));
  if (!same) throw new SignatureError('The delivery URL’s token does not match this migration’s');
  const parsed = freshdeskBody.safeParse(body);
  if (!parsed.success) throw new InputError('The delivery names no ticket (ticket_id)', 'ticket_id');
  await queueChange(deps.db, migrationId, 'tickets', parsed.data.ticket_id);
  return { entity: 'tickets', sourceId: parsed.data.ticket_id };
}

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Queues the changed id and (re)schedules the debounced apply job, in one transaction. */
async function queueChange(db: Knex, migrationId: string, entity: string, sourceId: string): Promise<void> {
  await db.transaction(async (trx) => {
    // The first arrival's time stays: the lag is measured from it.
    await trx('live_pending')
      .insert({ migration_id: migrationId, entity, source_id: sourceId })
      .onConflict(['migration_id', 'entity', 'source_id'])
      .ignore();
    await trx('live_follows').where({ migration_id: migrationId }).update({ last_delivery_at: trx.fn.now() });
    await scheduleApply(trx, migrationId);
  });
}
