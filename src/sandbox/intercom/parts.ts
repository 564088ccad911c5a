// Conversation and ticket parts: built from a reply body, and shown the way Intercom shows them.
import { fetchAttachments, uploadedFiles } from './attachments.js';
import { nextId, now, withoutNulls, type EmulatorState, type Obj, type Part } from './state.js';

/** A GET shows at most the latest 500 parts (DESIGN.md; Intercom's documented limit). */
export const MAX_PARTS_SHOWN = 500;

export async function partFromReply(
  state: EmulatorState,
  body: Obj,
  fetchTimeoutMs: number,
  partType?: string,
): Promise<Part> {
  const isAdmin = body.type === 'admin';
  const admin = state.admins.find((a) => a.id === body.admin_id);
  const contact = state.contacts.get(String(body.intercom_user_id ?? ''));
  const attachments = await fetchAttachments(
    state,
    body.attachment_urls as string[] | undefined,
    fetchTimeoutMs,
  );
  attachments.push(
    ...uploadedFiles(
      body.attachment_files as Array<{ content_type: string; data: string; name: string }> | undefined,
    ),
  );
  return {
    id: nextId(),
    part_type: partType ?? (body.message_type === 'note' ? 'note' : 'comment'),
    body: typeof body.body === 'string' ? body.body : null,
    created_at: typeof body.created_at === 'number' ? body.created_at : now(),
    author: isAdmin
      ? {
          type: 'admin',
          id: String(body.admin_id),
          name: (admin?.name as string) ?? null,
          email: (admin?.email as string) ?? null,
        }
      : {
          type: 'user',
          id: String(body.intercom_user_id ?? ''),
          name: (contact?.name as string) ?? null,
          email: (contact?.email as string) ?? null,
        },
    attachments,
    ...(body.skip_notifications === true ? { skip_notifications: true } : {}),
  };
}

export function partView(p: Part, type: 'conversation_part' | 'ticket_part'): Obj {
  const { skip_notifications: _skip, ...rest } = p;
  return { type, ...rest, author: withoutNulls(p.author), updated_at: p.created_at, redacted: false };
}
