// /ticket_types (+ attributes), /ticket_states, /tickets: create, get, search, reply, update.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { errorList } from './guards.js';
import { partView } from './parts.js';
import { answerSearch, ticketFieldResolver } from './search.js';
import { nextId, now, type EmulatorState, type Obj, indexLater } from './state.js';
import { collectionUrl, setArticleUrls } from './routes-redirects.js';
import { appendReply, contactsView, partsView, threadTags } from './threads.js';

type Ticket = EmulatorState['tickets'] extends Map<string, infer T> ? T : never;
type TicketType = EmulatorState['ticketTypes'] extends Map<string, infer T> ? T : never;

function ticketTypeView(state: EmulatorState, t: TicketType): Obj {
  const { attributes, ...rest } = t;
  return {
    ...rest,
    ticket_type_attributes: { type: 'list', ticket_type_attributes: attributes },
    ticket_states: { type: 'list', data: state.ticketStates },
  };
}

function ticketView(state: EmulatorState, t: Ticket, withParts = true): Obj {
  const { parts, contactIds, tagIds: _tags, ...rest } = t;
  const type = state.ticketTypes.get(String(t.ticket_type_id));
  const { ticket_type_id: _typeId, ticket_state_id: stateId, ...shown } = rest;
  return {
    ...shown,
    ticket_state: state.ticketStates.find((s) => s.id === stateId),
    ...(type ? { ticket_type: ticketTypeView(state, type) } : {}),
    contacts: contactsView(state, contactIds),
    // Not in 2.16's ticket schema; shown as on conversations (Ferry compares tags only when they are shown).
    tags: threadTags(state, 'ticket', String(t.id)),
    ...(withParts ? partsView(parts, 'ticket_part') : {}),
  };
}

interface ListOption {
  id: string;
  label: string;
  archived: boolean;
}

/**
 * A list attribute's options from its comma-delimited list_items, each with the guid a ticket's value
 * names (2.16 ticket_request_custom_attributes: "the value … should be the guid of the list item"). An
 * update keeps the ids of the labels it had; labels it no longer lists are archived (emulator choice: the
 * description does not say).
 */
function listOptions(items: string, had: readonly ListOption[]): ListOption[] {
  const labels = [...new Set(items.split(',').map((l) => l.trim()))].filter((l) => l !== '');
  const kept = labels.map(
    (label) => had.find((o) => o.label === label) ?? { id: randomUUID(), label, archived: false },
  );
  const dropped = had.filter((o) => !labels.includes(o.label)).map((o) => ({ ...o, archived: true }));
  return [...kept.map((o) => ({ ...o, archived: false })), ...dropped];
}

export function ticketRoutes(state: EmulatorState, fetchTimeoutMs: number): Router {
  const r = Router();
  const notFound = errorList('not_found', 'Resource Not Found');

  r.get('/ticket_states', (_req, res) => res.json({ type: 'list', data: state.ticketStates }));
  r.get('/ticket_types', (_req, res) =>
    res.json({ type: 'list', data: [...state.ticketTypes.values()].map((t) => ticketTypeView(state, t)) }),
  );
  r.post('/ticket_types', (req, res) => {
    const body = req.body as Obj;
    const t = now();
    const type: TicketType = {
      type: 'ticket_type',
      id: nextId(),
      name: body.name,
      description: body.description ?? '',
      icon: body.icon ?? '🎟️',
      category: body.category ?? 'Customer',
      workspace_id: state.app.id_code,
      archived: false,
      created_at: t,
      updated_at: t,
      attributes: [],
    };
    state.ticketTypes.set(String(type.id), type);
    res.json(ticketTypeView(state, type));
  });
  // 2.16 PUT /ticket_types/{id} (update_ticket_type_request): a rollback archives a type Ferry created.
  r.put('/ticket_types/:id', (req, res) => {
    const type = state.ticketTypes.get(req.params.id);
    if (!type) return void res.status(404).json(notFound);
    const body = req.body as Obj;
    for (const k of ['name', 'description', 'category', 'icon', 'archived'])
      if (body[k] !== undefined) type[k] = body[k];
    type.updated_at = now();
    res.json(ticketTypeView(state, type));
  });
  r.post('/ticket_types/:id/attributes', (req, res) => {
    const type = state.ticketTypes.get(req.params.id);
    if (!type) return void res.status(404).json(notFound);
    const body = req.body as Obj;
    const t = now();
    const a: Obj = {
      type: 'ticket_type_attribute',
      id: nextId(),
      workspace_id: state.app.id_code,
      name: body.name,
      description: body.description,
      data_type: body.data_type,
      input_options: body.list_items ? { list_options: listOptions(String(body.list_items), []) } : {},
      order: type.attributes.length,
      required_to_create: body.required_to_create ?? false,
      required_to_create_for_contacts: false,
      visible_on_create: body.visible_on_create ?? true,
      visible_to_contacts: body.visible_to_contacts ?? true,
      default: false,
      ticket_type_id: Number(type.id),
      archived: false,
      created_at: t,
      updated_at: t,
    };
    type.attributes.push(a);
    res.json(a);
  });
  r.put('/ticket_types/:id/attributes/:attributeId', (req, res) => {
    const a = state.ticketTypes
      .get(req.params.id)
      ?.attributes.find((x) => String(x.id) === req.params.attributeId);
    if (!a) return void res.status(404).json(notFound);
    const body = req.body as Obj;
    for (const k of ['name', 'description', 'required_to_create', 'visible_on_create', 'visible_to_contacts'])
      if (body[k] !== undefined) a[k] = body[k];
    if (typeof body.archived === 'boolean') a.archived = body.archived;
    if (typeof body.list_items === 'string') {
      const had = ((a.input_options as Obj | undefined)?.list_options ?? []) as ListOption[];
      a.input_options = { list_options: listOptions(body.list_items, had) };
    }
    a.updated_at = now();
    res.json(a);
  });

  r.post('/tickets', (req, res) => {
    const body = req.body as Obj & { contacts: Obj[] };
    const type = state.ticketTypes.get(String(body.ticket_type_id));
    const ref = body.contacts[0] ?? {};
    // 2.16 create_ticket_request contacts: one of id, external_id or email.
    const contact =
      (typeof ref.id === 'string' ? state.contacts.get(ref.id) : undefined) ??
      state.contacts.withValue('external_id', ref.external_id)[0] ??
      state.contacts.withValue('email', ref.email)[0];
    if (!type || !contact) return void res.status(404).json(notFound);
    const created = typeof body.created_at === 'number' ? body.created_at : now();
    const id = nextId();
    const ticket: Ticket = {
      type: 'ticket',
      id,
      ticket_id: String(state.tickets.size + 1),
      category: type.category,
      ticket_attributes: body.ticket_attributes ?? {},
      ticket_type_id: type.id,
      ticket_state_id: state.ticketStates[0]!.id,
      admin_assignee_id: 0,
      team_assignee_id: 0,
      created_at: created,
      updated_at: created,
      open: true,
      is_shared: false,
      parts: [],
      contactIds: [String(contact.id)],
      tagIds: [],
    };
    state.tickets.set(id, ticket);
    indexLater(state, ticket);
    res.json(ticketView(state, ticket));
  });
  r.get('/tickets/:id', (req, res) => {
    const t = state.tickets.get(req.params.id);
    if (!t) return void res.status(404).json(notFound);
    res.json(ticketView(state, t));
  });
  r.put('/tickets/:id', (req, res) => {
    const t = state.tickets.get(req.params.id);
    if (!t) return void res.status(404).json(notFound);
    const body = req.body as Obj;
    if (body.ticket_attributes)
      t.ticket_attributes = { ...(t.ticket_attributes as Obj), ...(body.ticket_attributes as Obj) };
    if (body.ticket_state_id) t.ticket_state_id = body.ticket_state_id;
    if (typeof body.open === 'boolean') t.open = body.open;
    if (typeof body.is_shared === 'boolean') t.is_shared = body.is_shared;
    if (body.assignee_id) t.admin_assignee_id = Number(body.assignee_id);
    t.updated_at = now();
    res.json(ticketView(state, t));
  });
  r.post('/tickets/:id/reply', async (req, res) => {
    const t = state.tickets.get(req.params.id);
    if (!t) return void res.status(404).json(notFound);
    const part = await appendReply(state, t, req.body as Obj, fetchTimeoutMs);
    res.json(partView(part, 'ticket_part'));
  });
  r.post('/tickets/search', (req, res) =>
    answerSearch(
      state,
      req,
      res,
      state.tickets.values(),
      'ticket.list',
      'tickets',
      (t) => ticketView(state, t, false),
      ticketFieldResolver(state),
    ),
  );
  return r;
}

/** /help_center/help_centers, /help_center/collections, /articles (create, update). */
export function helpCenterRoutes(state: EmulatorState): Router {
  const r = Router();
  r.get('/help_center/help_centers', (_req, res) => res.json({ type: 'list', data: state.helpCenters }));
  r.get('/help_center/collections', (_req, res) =>
    res.json({
      type: 'list',
      data: [...state.collections.values()],
      total_count: state.collections.size,
      pages: { type: 'pages', page: 1, per_page: 50, total_pages: 1 },
    }),
  );
  r.post('/help_center/collections', (req, res) => {
    const body = req.body as Obj;
    const t = now();
    const c: Obj = {
      id: nextId(),
      workspace_id: state.app.id_code,
      name: body.name,
      description: body.description ?? null,
      created_at: t,
      updated_at: t,
      url: null,
      icon: 'book-bookmark',
      order: state.collections.size + 1,
      default_locale: 'en',
      parent_id: body.parent_id ?? null,
      help_center_id: body.help_center_id ?? Number(state.helpCenters[0]!.id),
    };
    c.url = collectionUrl(state, c);
    state.collections.set(String(c.id), c);
    res.json(c);
  });
  const articleView = (a: Obj): Obj => ({ type: 'article', ...a });
  r.post('/articles', (req, res) => {
    const body = req.body as Obj;
    const t = now();
    const a: Obj = {
      id: nextId(),
      workspace_id: state.app.id_code,
      title: body.title,
      description: body.description ?? null,
      body: body.body ?? null,
      author_id: body.author_id,
      state: body.state ?? 'draft',
      created_at: t,
      updated_at: t,
      url: null,
      parent_id: body.parent_id ?? null,
      parent_ids: body.parent_id ? [body.parent_id] : [],
      parent_type: body.parent_id ? (body.parent_type ?? 'collection') : null,
      default_locale: 'en',
      ...(body.translated_content ? { translated_content: body.translated_content } : {}),
    };
    setArticleUrls(state, a);
    state.articles.set(String(a.id), a);
    res.json(articleView(a));
  });
  r.put('/articles/:id', (req, res) => {
    const a = state.articles.get(req.params.id);
    if (!a) return void res.status(404).json(errorList('not_found', 'Resource Not Found'));
    const body = req.body as Obj;
    Object.assign(a, body, { updated_at: now() });
    if (typeof a.parent_id === 'string') a.parent_id = Number(a.parent_id);
    setArticleUrls(state, a);
    res.json(articleView(a));
  });
  return r;
}
