// What a rollback calls (issue 15 §1), each as 2.16 describes it: DELETE /contacts/{id}, /companies/{id},
// /tickets/{id}, /conversations/{id}, /articles/{id}, /help_center/collections/{id} and /tags/{id}; data
// GET /tags/{id} and /help_center/collections/{id} read them back; data
// attributes and ticket types cannot be deleted, only archived: PUT /data_attributes/{id} and
// PUT /ticket_types/{id} with `archived`. An unknown id answers 404 (2.16 lists it for most of them).
// Conversation attributes (renamed, then archived by DELETE): routes-conversation-attributes.ts; ticket type
// attributes (PUT … `archived`): routes-tickets.ts.
import { Router, type Response } from 'express';
import { errorList } from './guards.js';
import { now, type EmulatorState, type Obj } from './state.js';
import type { TaggedType } from './taggings.js';

const notFound = (res: Response) => void res.status(404).json(errorList('not_found', 'Resource Not Found'));

export function deleteRoutes(state: EmulatorState): Router {
  const r = Router();
  const untag = (objectType: TaggedType, objectId: string) =>
    state.taggings.removeObject(objectType, objectId);

  // contact_deleted: the contact_reference and `deleted`.
  r.delete('/contacts/:id', (req, res) => {
    const c = state.contacts.get(req.params.id);
    if (!c) return notFound(res);
    state.contacts.delete(req.params.id);
    state.contactCompanies.delete(req.params.id);
    untag('contact', req.params.id);
    res.json({ type: 'contact', id: String(c.id), external_id: c.external_id ?? null, deleted: true });
  });
  r.delete('/companies/:id', (req, res) => {
    if (!state.companies.delete(req.params.id)) return notFound(res);
    for (const companies of state.contactCompanies.values()) companies.delete(req.params.id);
    untag('company', req.params.id);
    res.json({ id: req.params.id, object: 'company', deleted: true });
  });
  r.delete('/tickets/:id', (req, res) => {
    if (!state.tickets.delete(req.params.id)) return notFound(res);
    untag('ticket', req.params.id);
    res.json({ id: req.params.id, object: 'ticket', deleted: true });
  });
  // 2.16 lists no 404 here; Intercom answers its usual error list for an unknown conversation.
  r.delete('/conversations/:id', (req, res) => {
    if (!state.conversations.delete(req.params.id)) return notFound(res);
    untag('conversation', req.params.id);
    res.json({ id: req.params.id, object: 'conversation', deleted: true });
  });
  r.delete('/articles/:id', (req, res) => {
    if (!state.articles.delete(req.params.id)) return notFound(res);
    res.json({ id: req.params.id, object: 'article', deleted: true });
  });
  r.delete('/help_center/collections/:id', (req, res) => {
    if (!state.collections.delete(req.params.id)) return notFound(res);
    res.json({ id: req.params.id, object: 'collection', deleted: true });
  });
  // 2.16 describes the 200 without a body schema; the tag disappears from every object it was on.
  r.delete('/tags/:id', (req, res) => {
    if (!state.tags.delete(req.params.id)) return notFound(res);
    state.taggings.removeTag(req.params.id);
    for (const company of state.companies.values()) {
      const list = company.tags as { tags?: Obj[] } | undefined;
      if (list?.tags) list.tags = list.tags.filter((t) => String(t.id) !== req.params.id);
    }
    res.status(200).end();
  });
  // The reads a rollback checks its deletes with (the other objects' GETs live beside their writes).
  r.get('/tags/:id', (req, res) => {
    const tag = state.tags.get(req.params.id);
    if (!tag) return notFound(res);
    res.json(tag);
  });
  r.get('/help_center/collections/:id', (req, res) => {
    const c = state.collections.get(req.params.id);
    if (!c) return notFound(res);
    res.json(c);
  });
  r.put('/data_attributes/:id', (req, res) => {
    const a = state.dataAttributes.find((x) => String(x.id) === req.params.id);
    if (!a) return notFound(res);
    const body = req.body as Obj;
    for (const k of ['archived', 'description', 'messenger_writable'] as const)
      if (body[k] !== undefined) a[k] = body[k];
    a.updated_at = now();
    res.json(a);
  });
  return r;
}
