// Adding an attribute to the run's ticket type (issue 15 §1). On a ticket type Ferry did not create (one that
// was there before, matched by name or chosen in the settings), each attribute Ferry adds is recorded, so a
// rollback archives exactly those; one a rollback archived is taken back out of the archive instead of being
// created a second time. On a ticket type Ferry created nothing is recorded: the rollback archives the type.
import type { CreateTicketTypeAttributeBody } from '../intercom/types.js';
import type { StageContext } from './context.js';
import { forgetCreated, isCreated, listCreated, markArchived, recordCreated } from './created-objects.js';

const KIND = 'ticket_type_attributes';

/** The stage's "add this attribute to the ticket type": created (and recorded), or unarchived. */
export async function ticketTypeAttributeWrites(
  ctx: Pick<StageContext, 'db' | 'intercom' | 'migration' | 'run'>,
  ticketTypeId: string,
): Promise<(body: CreateTicketTypeAttributeBody) => Promise<void>> {
  const { db, intercom } = ctx;
  const migrationId = ctx.migration.id;
  const typeIsFerrys = await isCreated(db, migrationId, 'ticket_types', ticketTypeId);
  const archived = new Map(
    (await listCreated(db, migrationId, [KIND], null, true))
      .filter((o) => o.parent_id === ticketTypeId)
      .map((o) => [o.name, o.target_id]),
  );
  return async (body) => {
    const archivedId = archived.get(body.name);
    if (archivedId !== undefined) {
      archived.delete(body.name);
      // 2.16 PUT /ticket_types/{ticket_type_id}/attributes/{attribute_id} `archived: false`; false: 404.
      if (await intercom.archiveTicketTypeAttribute(ticketTypeId, archivedId, false)) {
        await markArchived(db, migrationId, KIND, archivedId, false, ctx.run.id);
        return;
      }
      await forgetCreated(db, migrationId, KIND, archivedId);
    }
    // 2.16 POST /ticket_types/{ticket_type_id}/attributes
    const created = await intercom.createTicketTypeAttribute(ticketTypeId, body);
    if (!typeIsFerrys)
      await recordCreated(db, migrationId, ctx.run.id, {
        kind: KIND,
        targetId: created.id,
        name: created.name,
        parentId: ticketTypeId,
      });
  };
}
