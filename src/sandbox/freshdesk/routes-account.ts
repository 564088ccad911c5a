// Everything but tickets: the authenticated agent, roles, agents, groups, fields, contacts, companies,
// helpdesk settings and the solutions (knowledge base) with their translations.
import { Router } from 'express';
import type { SampleAccount } from '../sample-account/index.js';
import { freshdeskKbLinks, withOrigin } from '../sample-account/index.js';
import { freshdeskDefaultFields } from '../sample-account/freshdesk-extras.js';
import { sendError } from './gate.js';
import { origin, readPage, sendPage } from './pages.js';
import {
  renderAgent,
  renderArticle,
  renderCategory,
  renderCompany,
  renderContact,
  renderField,
  renderFolder,
  renderGroup,
  ROLES,
} from './render.js';

const CREATED = '2014-01-01T00:00:00Z';

export function accountRoutes(account: SampleAccount): Router {
  const r = Router();
  const agents = account.agents();
  const agentJson = agents.map((a, i) => renderAgent(a, i, CREATED));
  const contactIdx = { live: [] as number[], deleted: [] as number[] };
  for (let i = 0; i < account.size.contacts; i++) {
    (account.isDeletedUser(account.contact(i).id) ? contactIdx.deleted : contactIdx.live).push(i);
  }
  const primary = account.categories()[0]?.locale ?? 'en-us';
  const languages = [...new Set(account.articles().flatMap((a) => a.translations.map((t) => t.locale)))];

  r.get('/api/v2/agents/me', (_req, res) => {
    // The admin key belongs to agent 0 (Account Administrator); an agent key to a plain Agent.
    const me = agentJson[res.locals.admin ? 0 : Math.min(2, agentJson.length - 1)]!;
    res.json(res.locals.admin ? me : { ...me, role_ids: [4], ticket_scope: 2 });
  });
  r.get('/api/v2/roles', (_req, res) => res.json(ROLES));
  r.get('/api/v2/agents', (req, res) => {
    const p = readPage(req, res, null);
    if (p) sendPage(req, res, p, agentJson.length, (k) => agentJson[k]);
  });
  r.get('/api/v2/groups', (req, res) => {
    const p = readPage(req, res, null);
    if (!p) return;
    const groups = account.groups();
    sendPage(req, res, p, groups.length, (k) => {
      const g = groups[k]!;
      const members = agents.filter((a) => a.groupIds.includes(g.id)).map((a) => Number(a.id));
      return renderGroup(g, members, CREATED);
    });
  });
  for (const scope of ['ticket', 'contact', 'company'] as const) {
    // Field lists are not paged.
    r.get(`/api/v2/${scope}_fields`, (_req, res) =>
      res.json([
        ...freshdeskDefaultFields(scope).map((f, i) => ({ ...f, position: i + 1 })),
        ...account.fields(scope).map((f, i) => renderField(f, freshdeskDefaultFields(scope).length + i + 1)),
      ]),
    );
  }

  r.get('/api/v2/contacts', (req, res) => {
    const p = readPage(req, res, null);
    if (!p) return;
    let list = req.query.state === 'deleted' ? contactIdx.deleted : contactIdx.live;
    if (req.query._updated_since !== undefined) {
      const since = Date.parse(String(req.query._updated_since));
      list = list.filter((i) => Date.parse(account.contact(i).updatedAt) >= since);
    }
    sendPage(req, res, p, list.length, (k) => renderContact(account.contact(list[k]!)));
  });
  r.get('/api/v2/companies', (req, res) => {
    const p = readPage(req, res, null);
    if (p) sendPage(req, res, p, account.size.companies, (k) => renderCompany(account.company(k)));
  });

  r.get('/api/v2/settings/helpdesk', (_req, res) =>
    res.json({
      primary_language: primary,
      supported_languages: languages.filter((l) => l !== primary),
      portal_languages: languages.filter((l) => l !== primary),
    }),
  );
  r.get('/api/v2/solutions/categories', (_req, res) => res.json(account.categories().map(renderCategory)));
  r.get('/api/v2/solutions/categories/:id/folders', (req, res) => {
    const folders = account.sections().filter((s) => s.categoryId === req.params.id);
    if (!account.categories().some((c) => c.id === req.params.id))
      return sendError(res, 404, { message: 'Not found' });
    res.json(folders.map(renderFolder));
  });
  const articlesOfFolder = (folderId: string, lang: string, o: string) => {
    const section = account.sections().find((s) => s.id === folderId);
    if (!section) return null;
    return account
      .articles()
      .filter((a) => a.sectionId === folderId)
      .flatMap((a) => {
        const version = a.translations.find((t) => t.locale === lang);
        if (!version) return [];
        // Translations carry their own HTML: make its attachment paths absolute like withOrigin() does; the
        // sample's help-center links take Freshdesk's shape.
        const html = freshdeskKbLinks(withOrigin({ html: version.html, attachments: [] }, o).html);
        return [renderArticle(withOrigin(a, o), { ...version, html }, section.categoryId)];
      });
  };
  r.get('/api/v2/solutions/folders/:id/articles{/:lang}', (req, res) => {
    const p = readPage(req, res, null);
    if (!p) return;
    const list = articlesOfFolder(req.params.id, req.params.lang ?? primary, origin(req));
    if (!list) return sendError(res, 404, { message: 'Not found' });
    sendPage(req, res, p, list.length, (k) => list[k]);
  });
  return r;
}
