// Help-center addresses and redirects as 2.16 describes them: an article's `url` (and each translation's,
// article_content.url) and a collection's `url` live under the help center's url (its custom domain's when
// one is set: help_center.url); GET/POST /help_center/help_centers/{id}/redirects list and create redirects
// whose from_url must be an absolute URL within that URL space (422), unique per help center (409), with a
// target article or collection of the help center.
import { Router } from 'express';
import { errorList } from './guards.js';
import { nextId, now, type EmulatorState, type Obj } from './state.js';

const slug = (text: unknown): string =>
  String(text ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

function helpCenterUrl(state: EmulatorState, id: unknown): string {
  const hc = state.helpCenters.find((h) => String(h.id) === String(id)) ?? state.helpCenters[0];
  return String(hc?.url ?? '').replace(/\/+$/, '');
}

/** A collection's address: <help center>/<locale>/collections/<id>-<name>. */
export function collectionUrl(state: EmulatorState, c: Obj): string {
  return `${helpCenterUrl(state, c.help_center_id)}/${String(c.default_locale ?? 'en')}/collections/${String(c.id)}-${slug(c.name)}`;
}

/** Sets an article's url and each translation's (article_content.url), after a create or an update. */
export function setArticleUrls(state: EmulatorState, a: Obj): void {
  const parent = a.parent_id == null ? null : state.collections.get(String(a.parent_id));
  const base = helpCenterUrl(state, parent?.help_center_id);
  const at = (locale: string, title: unknown) => `${base}/${locale}/articles/${String(a.id)}-${slug(title)}`;
  a.url = at(String(a.default_locale ?? 'en'), a.title);
  const translated = a.translated_content;
  if (translated && typeof translated === 'object')
    for (const [locale, content] of Object.entries(translated as Record<string, unknown>))
      if (content && typeof content === 'object') (content as Obj).url = at(locale, (content as Obj).title);
}

export function redirectRoutes(state: EmulatorState): Router {
  const r = Router();
  const path = '/help_center/help_centers/:hc/redirects';
  const helpCenter = (id: string) => state.helpCenters.find((h) => String(h.id) === id);
  const notFound = errorList('not_found', 'Resource not found');
  r.get(path, (req, res) => {
    if (!helpCenter(req.params.hc)) return void res.status(404).json(notFound);
    const all = [...state.redirects.values()]
      .filter((x) => x.help_center_id === req.params.hc)
      .sort((a, b) => Number(b.updated_at) - Number(a.updated_at) || Number(b.id) - Number(a.id));
    const perPage = Math.min(250, Math.max(1, Number(req.query.per_page ?? 50) || 50));
    const page = Math.max(1, Number(req.query.page ?? 1) || 1);
    res.json({
      type: 'list',
      data: all.slice((page - 1) * perPage, page * perPage),
      total_count: all.length,
      pages: {
        type: 'pages',
        page,
        per_page: perPage,
        total_pages: Math.max(1, Math.ceil(all.length / perPage)),
      },
    });
  });
  r.post(path, (req, res) => {
    const hc = helpCenter(req.params.hc);
    if (!hc) return void res.status(404).json(notFound);
    const body = req.body as Obj;
    const from = String(body.from_url);
    const space = String(hc.url ?? '').replace(/\/+$/, '');
    let inside = false;
    try {
      const u = new URL(from);
      const within = new URL(space);
      inside = u.origin === within.origin && u.pathname.startsWith(within.pathname.replace(/\/+$/, ''));
    } catch {
      inside = false;
    }
    if (!inside)
      return void res
        .status(422)
        .json(
          errorList('data_invalid', "from_url must be an absolute URL within this help center's URL space"),
        );
    if ([...state.redirects.values()].some((x) => x.help_center_id === hc.id && x.from_url === from))
      return void res
        .status(409)
        .json(errorList('resource_conflict', 'A redirect with that URL already exists'));
    const target =
      body.target_type === 'article'
        ? state.articles.get(String(body.target_id))
        : state.collections.get(String(body.target_id));
    if (!target)
      return void res
        .status(422)
        .json(errorList('data_invalid', 'target must be a member of the help center'));
    const t = now();
    const redirect: Obj = {
      id: nextId(),
      type: 'help_center_redirect',
      from_url: from,
      locale: String(body.locale),
      help_center_id: String(hc.id),
      target_type: body.target_type,
      target_id: String(body.target_id),
      created_at: t,
      updated_at: t,
    };
    state.redirects.set(String(redirect.id), redirect);
    res.json(redirect);
  });
  return r;
}
