// What a rollback cannot delete, because 2.16 cannot (issue 15 §1), archived instead: contact and company data
// attributes, the ticket type, the attributes Ferry added to a ticket type that was there before, and
// conversation attributes. 2.16 archives a conversation attribute for good (DELETE, no `archived` in its
// update), so it is renamed first: its name is free again and a later run creates it afresh.
import { RecordError } from '../../errors.js';
import type { CreatedObject } from '../created-objects.js';
import type { RollbackDeps } from './run-rollback.js';

export type Outcome = { status: 'deleted' | 'archived' | 'failed'; reason: string | null };

/** A 404: the object is gone already, which is what the rollback wanted (done; a later run creates it). */
export const GONE: Outcome = { status: 'deleted', reason: 'already gone from Intercom (404)' };

const CANNOT_DELETE = 'Intercom 2.16 cannot delete it: archived';
const TICKET_TYPE_ATTRIBUTE =
  'Intercom 2.16 cannot delete a ticket type attribute: archived (a later run takes it back out of the archive); the ticket type was there before Ferry and stays';

/** One call of a rollback: Intercom's refusal fails this object only, with Intercom's words. */
export async function refusalFails(call: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RecordError) return { status: 'failed', reason: error.message };
    throw error;
  }
}

export async function archiveCreated(deps: RollbackDeps, o: CreatedObject): Promise<Outcome> {
  return refusalFails(async () => {
    const { intercom } = deps;
    switch (o.kind) {
      case 'conversation_attributes':
        return renameAndArchive(deps, o);
      case 'ticket_type_attributes':
        if (o.parent_id === null) return { status: 'failed', reason: 'its ticket type was not recorded' };
        return (await intercom.archiveTicketTypeAttribute(o.parent_id, o.target_id))
          ? { status: 'archived', reason: TICKET_TYPE_ATTRIBUTE }
          : GONE;
      case 'ticket_types':
        await intercom.archiveTicketType(o.target_id);
        return { status: 'archived', reason: CANNOT_DELETE };
      case 'contact_attributes':
      case 'company_attributes':
        await intercom.archiveDataAttribute(o.target_id);
        return { status: 'archived', reason: CANNOT_DELETE };
      case 'tags':
        throw new Error('a tag is deleted, not archived');
    }
  });
}

/**
 * The name a conversation attribute Ferry created gets before it is archived: marked, and unique per creation
 * (the creating run; a later run that creates the name again is another run). 2.16 states no length limit
 * for a conversation attribute's name (update_conversation_attribute_request).
 */
export function removedName(o: Pick<CreatedObject, 'name' | 'run_id' | 'target_id'>): string {
  return `${o.name} (removed by Ferry ${(o.run_id ?? o.target_id).slice(0, 8)})`;
}

/**
 * Renamed while it still holds its original name, then archived unless it is already. Resumable: after a
 * crash between the two calls it no longer holds the name, so only the archive is repeated.
 */
async function renameAndArchive(deps: RollbackDeps, o: CreatedObject): Promise<Outcome> {
  const { intercom } = deps;
  // 2.16 GET /conversations/attributes/{id}
  const current = await intercom.getConversationAttribute(o.target_id);
  if (!current) return GONE;
  const renamed = removedName(o);
  const holdsName = current.name === o.name;
  if (holdsName) {
    // 2.16 PUT /conversations/attributes/{id} (update_conversation_attribute_request: name)
    if (!(await intercom.updateConversationAttribute(o.target_id, { name: renamed }))) return GONE;
    deps.afterRename?.(o.target_id);
  }
  // 2.16 DELETE /conversations/attributes/{id}: "Archive a conversation attribute (soft delete)".
  if (!current.archived && !(await intercom.archiveConversationAttribute(o.target_id))) return GONE;
  return {
    status: 'archived',
    reason: `renamed to "${holdsName ? renamed : current.name}" and archived: Intercom 2.16 cannot delete a conversation attribute, only archive it for good; the rename frees "${o.name}" for a later run`,
  };
}
