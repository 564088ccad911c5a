// /conversations: create (from a contact), get (latest 500 parts), search, reply, parts, customers, update.
import { Router } from 'express';
import { fetchAttachments } from './attachments.js';
import { errorList } from './guards.js';
import { answerSearch, contactIdsField } from './search.js';
import { nextId, now, withoutNulls, type EmulatorState, type Obj, indexLater } from './state.js';
import { appendReply, contactsView, partsView, threadTags } from './threads.js';

type Conversation = EmulatorState['conversations'] extends Map<string, infer C> ? C : never;

export function conversationView(state: EmulatorState, c: Conversation, withParts = true): Obj {
  const { parts, contactIds, ...rest } = c;
  return {
    ...withoutNulls(rest),
    tags: threadTags(state, 'conversation', String(c.id)),
    contacts: contactsView(state, contactIds),
    ...(withParts ? partsView(parts, 'conversation_part') : {}),
  };
}

export function conversationRoutes(state: EmulatorState, fetchTimeoutMs: number): Router {
  const r = Router();
  const find = (id: string) => state.conversations.get(id);
  const notFound = errorList('not_found', 'Resource Not Found');

  r.post('/conversations', async (req, res) => {
    const body = req.body as Obj & { from: { id: string }; attachment_urls?: string[] };
    const contact = state.contacts.get(body.from.id);
    if (!contact) return void res.status(404).json(errorList('not_found', 'User Not Found'));
    const created = typeof body.created_at === 'number' ? body.created_at : now();
    const attachments = await fetchAttachments(state, body.attachment_urls, fetchTimeoutMs);
    const id = nextId();
    const messageId = nextId();
    const c: Conversation = {
      type: 'conversation',
      id,
      title: null,
      created_at: created,
      updated_at: created,
      waiting_since: created,
      snoozed_until: null,
      open: true,
      state: 'open',
      read: false,
      priority: 'none',
      admin_assignee_id: null,
      team_assignee_id: null,
      custom_attributes: {},
      source: {
        type: 'conversation',
        id: messageId,
        delivered_as: 'customer_initiated',
        subject: (body.subject as string) ?? '',
        body: body.body as string,
        author: withoutNulls({
          type: 'user',
          id: String(contact.id),
          name: (contact.name as string) ?? null,
          email: (contact.email as string) ?? null,
        }),
        attachments,
        url: null,
        redacted: false,
      },
      parts: [],
      contactIds: [String(contact.id)],
    };
    state.conversations.set(id, c);
    indexLater(state, c);
    res.json({
      type: 'user_message',
      id: messageId,
      created_at: created,
      body: body.body,
      message_type: 'inapp',
      conversation_id: id,
    });
  });

  r.get('/conversations/:id', (req, res) => {
    const c = find(req.params.id);
    if (!c) return void res.status(404).json(notFound);
    res.json(conversationView(state, c));
  });

  r.put('/conversations/:id', (req, res) => {
    const c = find(req.params.id);
    if (!c) return void res.status(404).json(notFound);
    const body = req.body as Obj;
    if (typeof body.title === 'string') c.title = body.title;
    if (typeof body.read === 'boolean') c.read = body.read;
    if (body.custom_attributes)
      c.custom_attributes = { ...(c.custom_attributes as Obj), ...(body.custom_attributes as Obj) };
    c.updated_at = now();
    res.json(conversationView(state, c));
  });

  // 2.16 POST /conversations/search lists contact_ids among its accepted fields: any of the conversation's
  // contacts matches (the emulator holds them as contactIds).
  r.post('/conversations/search', (req, res) =>
    answerSearch(
      state,
      req,
      res,
      state.conversations.values(),
      'conversation.list',
      'conversations',
      (c) => conversationView(state, c, false),
      contactIdsField,
    ),
  );

  r.post('/conversations/:id/reply', async (req, res) => {
    const c = find(req.params.id);
    if (!c) return void res.status(404).json(notFound);
    await appendReply(state, c, req.body as Obj, fetchTimeoutMs);
    res.json(conversationView(state, c));
  });

  r.post('/conversations/:id/parts', (req, res) => {
    const c = find(req.params.id);
    if (!c) return void res.status(404).json(notFound);
    const body = req.body as Obj;
    const type = String(body.message_type);
    const partType =
      type === 'close' ? 'close' : type === 'open' ? 'open' : type === 'snoozed' ? 'snoozed' : 'assignment';
    if (type === 'close') Object.assign(c, { open: false, state: 'closed' });
    if (type === 'open') Object.assign(c, { open: true, state: 'open' });
    if (type === 'snoozed') Object.assign(c, { state: 'snoozed', snoozed_until: body.snoozed_until });
    if (type === 'assignment') {
      const assignee = String(body.assignee_id ?? '');
      if (state.teams.some((t) => t.id === assignee)) c.team_assignee_id = Number(assignee);
      else c.admin_assignee_id = Number(assignee) || null;
    }
    c.parts.push({
      id: nextId(),
      part_type: partType,
      body: typeof body.body === 'string' ? body.body : null,
      created_at: now(),
      author: { type: 'admin', id: String(body.admin_id) },
      attachments: [],
    });
    res.json(conversationView(state, c));
  });

  r.post('/conversations/:id/customers', (req, res) => {
    const c = find(req.params.id);
    const customer = ((req.body as Obj).customer ?? {}) as Obj;
    const contactId = String(customer.intercom_user_id ?? '');
    if (!c || !state.contacts.has(contactId)) return void res.status(404).json(notFound);
    if (!c.contactIds.includes(contactId)) c.contactIds.push(contactId);
    res.json(conversationView(state, c));
  });

  return r;
}
