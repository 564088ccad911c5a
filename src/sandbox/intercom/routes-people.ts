// /me, /admins, /teams, /contacts, /companies, /tags, /data_attributes and the OAuth token exchange
// (/conversations/attributes: routes-conversation-attributes.ts).
import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { errorList } from './guards.js';
import { answerSearch } from './search.js';
import { hexId, nextId, now, withoutNulls, type EmulatorState, type Obj, indexLater } from './state.js';

const list = (type: string, url: string, data: unknown[]) => ({
  type: 'list',
  url,
  data,
  total_count: data.length,
  has_more: false,
});

// Intercom answers list URLs as paths; 2.16 types them `format: uri`, so the emulator gives absolute ones.
const API = 'https://api.intercom.io';

export function contactView(state: EmulatorState, c: Obj): Obj {
  const companyIds = [...(state.contactCompanies.get(String(c.id)) ?? [])];
  const tagIds = state.taggings.tagIdsOf('contact', String(c.id));
  return {
    ...withoutNulls(c),
    tags: {
      type: 'list',
      data: tagIds.map((id) => ({ type: 'tag', id, url: `${API}/tags/${id}` })),
      url: `${API}/contacts/${String(c.id)}/tags`,
      total_count: tagIds.length,
      has_more: false,
    },
    companies: {
      type: 'list',
      data: companyIds.map((id) => ({ type: 'company', id, url: `${API}/companies/${id}` })),
      url: `${API}/contacts/${String(c.id)}/companies`,
      total_count: companyIds.length,
      has_more: false,
    },
    notes: list('list', `${API}/contacts/${String(c.id)}/notes`, []),
  };
}

const CONTACT_FIELDS = [
  'role',
  'external_id',
  'email',
  'phone',
  'name',
  'avatar',
  'signed_up_at',
  'last_seen_at',
  'owner_id',
  'unsubscribed_from_emails',
  'custom_attributes',
];

function pickFields(body: Obj): Obj {
  return Object.fromEntries(CONTACT_FIELDS.filter((k) => k in body).map((k) => [k, body[k]]));
}

function duplicateOf(state: EmulatorState, body: Obj, exceptId?: string): Obj | undefined {
  const role = body.role ?? 'user';
  return [
    ...state.contacts.withValue('email', body.email).filter((c) => c.role === role),
    ...state.contacts.withValue('external_id', body.external_id),
  ].find((c) => c.id !== exceptId);
}

/** A company's tags live on the company object (tag.list), as 2.16's company schema shows them. */
function tagCompany(state: EmulatorState, company: Obj, tag: Obj, on: boolean): void {
  const id = String(company.id);
  state.taggings.remove(String(tag.id), 'company', id);
  if (on) state.taggings.add(String(tag.id), 'company', id);
  const tags = state.taggings
    .tagIdsOf('company', id)
    .map((tagId) => ({ type: 'tag', id: tagId, name: String(state.tags.get(tagId)?.name ?? '') }));
  company.tags = { type: 'tag.list', tags };
}

export function peopleRoutes(state: EmulatorState): Router {
  const r = Router();

  r.get('/me', (_req, res) => {
    const me = state.admins[0]!;
    res.json({
      type: 'admin',
      id: me.id,
      name: me.name,
      email: me.email,
      email_verified: true,
      app: { type: 'app', timezone: 'UTC', ...state.app, identity_verification: false },
    });
  });
  r.get('/admins', (_req, res) => res.json({ type: 'admin.list', admins: state.admins }));
  r.get('/teams', (_req, res) => res.json({ type: 'team.list', teams: state.teams }));

  r.post('/contacts', (req: Request, res: Response) => {
    const body = req.body as Obj;
    const dup = duplicateOf(state, body);
    if (dup) {
      // Intercom's answer (not in the 2.16 description): 409 conflict naming the existing contact.
      res
        .status(409)
        .json(
          errorList('conflict', `A contact matching those details already exists with id=${String(dup.id)}`),
        );
      return;
    }
    const t = now();
    const c: Obj = {
      type: 'contact',
      id: hexId(),
      workspace_id: state.app.id_code,
      external_id: null,
      role: 'user',
      email: null,
      phone: null,
      name: null,
      avatar: null,
      owner_id: null,
      has_hard_bounced: false,
      marked_email_as_spam: false,
      unsubscribed_from_emails: false,
      created_at: t,
      updated_at: t,
      signed_up_at: null,
      last_seen_at: null,
      custom_attributes: {},
      ...pickFields(body),
    };
    state.contacts.set(String(c.id), c);
    indexLater(state, c);
    res.json(contactView(state, c));
  });
  // 2.16 ShowContactByExternalId: users only; read from the store, so no search lag.
  r.get('/contacts/find_by_external_id/:externalId', (req, res) => {
    const c = state.contacts.withValue('external_id', req.params.externalId).find((x) => x.role === 'user');
    if (!c) return void res.status(404).json(errorList('not_found', 'User Not Found'));
    res.json(contactView(state, c));
  });
  r.get('/contacts/:id', (req, res) => {
    const c = state.contacts.get(req.params.id);
    if (!c) return void res.status(404).json(errorList('not_found', 'User Not Found'));
    res.json(contactView(state, c));
  });
  r.put('/contacts/:id', (req, res) => {
    const c = state.contacts.get(req.params.id);
    if (!c) return void res.status(404).json(errorList('not_found', 'User Not Found'));
    const body = req.body as Obj;
    const dup = duplicateOf(state, body, String(c.id));
    if (dup)
      return void res
        .status(409)
        .json(
          errorList('conflict', `A contact matching those details already exists with id=${String(dup.id)}`),
        );
    Object.assign(c, pickFields(body), { updated_at: now() });
    state.contacts.set(String(c.id), c); // re-indexes its email and external_id
    res.json(contactView(state, c));
  });
  r.post('/contacts/search', (req, res) =>
    answerSearch(state, req, res, state.contacts.values(), 'list', 'data', (c) => contactView(state, c)),
  );
  r.post('/contacts/:id/companies', (req, res) => {
    const company = state.companies.get(String((req.body as Obj).id));
    if (!state.contacts.has(req.params.id) || !company)
      return void res.status(404).json(errorList('not_found', 'Company Not Found'));
    const set = state.contactCompanies.get(req.params.id) ?? new Set<string>();
    set.add(String(company.id));
    state.contactCompanies.set(req.params.id, set);
    company.user_count = [...state.contactCompanies.values()].filter((s) => s.has(String(company.id))).length;
    res.json(company);
  });
  r.get('/contacts/:id/companies', (req, res) => {
    const data = [...(state.contactCompanies.get(req.params.id) ?? [])].map((id) => state.companies.get(id)!);
    res.json({
      type: 'list',
      data,
      total_count: data.length,
      pages: { type: 'pages', page: 1, per_page: 50, total_pages: 1 },
    });
  });

  // 2.16 GET /companies?company_id= (or ?name=): a company_list, 404 company_not_found when none matches.
  r.get('/companies', (req, res) => {
    const q = req.query as Record<string, unknown>;
    const hits = [...state.companies.values()].filter(
      (c) =>
        (q.company_id === undefined || c.company_id === q.company_id) &&
        (q.name === undefined || c.name === q.name),
    );
    if (hits.length === 0 && (q.company_id !== undefined || q.name !== undefined))
      return void res.status(404).json(errorList('company_not_found', 'Company Not Found'));
    res.json({
      type: 'list',
      data: hits,
      pages: { type: 'pages', page: 1, per_page: 15, total_pages: 1 },
      total_count: hits.length,
    });
  });
  r.post('/companies', (req, res) => {
    const body = req.body as Obj;
    const existing = [...state.companies.values()].find((c) => c.company_id === body.company_id);
    const t = now();
    const c: Obj = existing ?? {
      type: 'company',
      id: hexId(),
      app_id: state.app.id_code,
      created_at: t,
      user_count: 0,
      session_count: 0,
      monthly_spend: 0,
      custom_attributes: {},
      tags: { type: 'tag.list', tags: [] },
      segments: { type: 'segment.list', segments: [] },
    };
    Object.assign(c, body, {
      updated_at: t,
      custom_attributes: { ...(c.custom_attributes as Obj), ...((body.custom_attributes as Obj) ?? {}) },
    });
    if (typeof c.plan === 'string') c.plan = { type: 'plan', id: hexId(), name: c.plan };
    state.companies.set(String(c.id), c);
    indexLater(state, c);
    res.json(c);
  });

  r.get('/companies/:id', (req, res) => {
    const c = state.companies.get(req.params.id);
    if (!c) return void res.status(404).json(errorList('company_not_found', 'Company Not Found'));
    res.json(c);
  });

  // 2.16 POST /tags: create_or_update_tag_request, or tag_company_request / tag_multiple_users_request,
  // which tag the listed companies (by id or company_id) or users, creating the tag when needed. Names are
  // case insensitive. An unknown company or user is refused: the description lists only 400 and 401, and
  // names the example "company_not_found"; the emulator answers 404 with that code.
  r.post('/tags', (req, res) => {
    const body = req.body as {
      name: string;
      companies?: Array<{ id?: string; company_id?: string; untag?: boolean }>;
      users?: Array<{ id?: string }>;
    };
    const companies = (body.companies ?? []).map((ref) =>
      [...state.companies.values()].find(
        (c) =>
          (ref.id !== undefined && c.id === ref.id) ||
          (ref.company_id !== undefined && c.company_id === ref.company_id),
      ),
    );
    if (companies.some((c) => c === undefined))
      return void res.status(404).json(errorList('company_not_found', 'Company Not Found'));
    const users = (body.users ?? []).map((ref) => state.contacts.get(String(ref.id)));
    if (users.some((c) => c === undefined))
      return void res.status(404).json(errorList('not_found', 'User Not Found'));
    const existing = [...state.tags.values()].find(
      (t) => String(t.name).toLowerCase() === body.name.toLowerCase(),
    );
    const tag = existing ?? { type: 'tag', id: nextId(), name: body.name };
    state.tags.set(String(tag.id), tag);
    const untag = (body.companies ?? []).some((ref) => ref.untag === true);
    for (const c of companies) tagCompany(state, c!, tag, !untag);
    for (const u of users) state.taggings.add(String(tag.id), 'contact', String(u!.id));
    if (!body.companies && !body.users) return void res.json(tag);
    res.json({
      ...tag,
      users: users.map((u) => ({ id: String(u!.id), tagged: true })),
      companies: companies.map((c) => ({ id: String(c!.id), tagged: !untag })),
    });
  });
  r.get('/tags', (_req, res) => res.json({ type: 'list', data: [...state.tags.values()] }));
  const tagging =
    (objectType: 'contact' | 'conversation' | 'ticket', exists: (id: string) => boolean) =>
    (req: Request, res: Response) => {
      const id = String(req.params.id);
      const tag = state.tags.get(String((req.body as Obj).id));
      if (!exists(id) || !tag) return void res.status(404).json(errorList('not_found', 'Resource Not Found'));
      state.taggings.add(String(tag.id), objectType, id);
      res.json(tag);
    };
  r.post(
    '/contacts/:id/tags',
    tagging('contact', (id) => state.contacts.has(id)),
  );
  r.post(
    '/conversations/:id/tags',
    tagging('conversation', (id) => state.conversations.has(id)),
  );
  r.post(
    '/tickets/:id/tags',
    tagging('ticket', (id) => state.tickets.has(id)),
  );

  r.get('/data_attributes', (req, res) => {
    const model = req.query.model;
    // 2.16: "By default we return only non archived data attributes."
    const archived = req.query.include_archived === 'true';
    res.json({
      type: 'list',
      data: state.dataAttributes.filter((a) => (!model || a.model === model) && (archived || !a.archived)),
    });
  });
  r.post('/data_attributes', (req, res) => {
    const body = req.body as Obj;
    if (state.dataAttributes.some((a) => a.model === body.model && a.name === body.name))
      return void res
        .status(400)
        .json(
          errorList(
            'parameter_invalid',
            "You already have '" + String(body.name) + "' in your workspace. Please choose a different name.",
          ),
        );
    const t = now();
    const a: Obj = {
      type: 'data_attribute',
      id: Number(nextId()),
      model: body.model,
      name: body.name,
      full_name: `custom_attributes.${String(body.name)}`,
      label: body.name,
      description: body.description ?? '',
      data_type: body.data_type === 'options' ? 'string' : body.data_type,
      ...(body.options ? { options: (body.options as Obj[]).map((o) => o.value) } : {}),
      api_writable: true,
      messenger_writable: body.messenger_writable ?? false,
      ui_writable: true,
      custom: true,
      archived: false,
      created_at: t,
      updated_at: t,
    };
    state.dataAttributes.push(a);
    res.json(a);
  });

  return r;
}

/**
 * GET /oauth: Intercom's authorize page, approved at once (the emulator has no admin to ask), sending the
 * browser back to redirect_uri with a code and the state. POST /auth/eagle/token (not in the REST
 * description): code + client credentials → a new token.
 */
export function oauthRoutes(state: EmulatorState, clientId: string, clientSecret: string): Router {
  const r = Router();
  r.get('/oauth', (req, res) => {
    const redirect = typeof req.query.redirect_uri === 'string' ? req.query.redirect_uri : '';
    if (req.query.client_id !== clientId || !/^https?:\/\//.test(redirect))
      return void res.status(400).type('text').send('Unknown client_id or redirect_uri.');
    const back = new URL(redirect);
    back.searchParams.set('code', newOAuthCode(state));
    if (typeof req.query.state === 'string') back.searchParams.set('state', req.query.state);
    res.redirect(302, back.toString());
  });
  r.post('/auth/eagle/token', (req, res) => {
    const body = (req.body ?? {}) as Obj;
    const token = state.oauthCodes.get(String(body.code));
    if (body.client_id !== clientId || body.client_secret !== clientSecret || !token)
      return void res.status(401).json(errorList('unauthorized', 'Invalid code or client credentials'));
    state.oauthCodes.delete(String(body.code));
    state.tokens.add(token);
    res.json({ token_type: 'Bearer', token, access_token: token });
  });
  return r;
}

export const newOAuthCode = (state: EmulatorState): string => {
  const code = randomBytes(8).toString('hex');
  state.oauthCodes.set(code, `tok_${randomBytes(12).toString('hex')}`);
  return code;
};
