// /conversations/attributes as 2.16 describes them: list (archived ones only with include_archived), create,
// get, update (a rename among others; update_conversation_attribute_request has no `archived`) and DELETE,
// which archives (a soft delete with no way back). 2.16 does not say whether an archived attribute keeps its
// name taken; the emulator assumes the strict case: a name is unique among archived ones too.
import { Router, type Response } from 'express';
import { errorList } from './guards.js';
import { nextId, now, type EmulatorState, type Obj } from './state.js';

// 2.16's 404 for /conversations/attributes/{id}.
const notFound = (res: Response) =>
  void res
    .status(404)
    .json(errorList('conversation_attribute_not_found', 'Conversation attribute not found'));
const nameTaken = (res: Response) =>
  void res.status(400).json(errorList('parameter_invalid', 'An attribute with that name exists'));

export function conversationAttributeRoutes(state: EmulatorState): Router {
  const r = Router();
  const byId = (id: string) => state.conversationAttributes.find((a) => String(a.id) === id);
  const taken = (name: unknown, except?: Obj) =>
    state.conversationAttributes.some((a) => a !== except && a.name === name);

  r.get('/conversations/attributes', (req, res) => {
    const archived = req.query.include_archived === 'true';
    res.json({ type: 'list', data: state.conversationAttributes.filter((a) => archived || !a.archived) });
  });
  r.post('/conversations/attributes', (req, res) => {
    const body = req.body as Obj;
    if (taken(body.name)) return nameTaken(res);
    const t = now();
    const a: Obj = {
      type: 'conversation_attribute',
      id: Number(nextId()),
      name: body.name,
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
      data_type: body.data_type,
      required: body.required === true,
      visible_to_team_ids: [],
      archived: false,
      created_at: t,
      updated_at: t,
      admin_id: String(state.admins[0]!.id),
    };
    state.conversationAttributes.push(a);
    res.json(a);
  });
  r.get('/conversations/attributes/:id', (req, res) => {
    const a = byId(req.params.id);
    if (!a) return notFound(res);
    res.json(a);
  });
  r.put('/conversations/attributes/:id', (req, res) => {
    const a = byId(req.params.id);
    if (!a) return notFound(res);
    const body = req.body as Obj;
    if (body.name !== undefined && taken(body.name, a)) return nameTaken(res);
    for (const k of ['name', 'description', 'multiline', 'required', 'visible_to_team_ids'])
      if (body[k] !== undefined) a[k] = body[k];
    a.updated_at = now();
    res.json(a);
  });
  r.delete('/conversations/attributes/:id', (req, res) => {
    const a = byId(req.params.id);
    if (!a) return notFound(res);
    a.archived = true;
    a.updated_at = now();
    res.json(a);
  });
  return r;
}
