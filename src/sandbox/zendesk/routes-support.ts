// Support API endpoints the connector reads (paths and shapes: /work/shared/specs/zendesk/support-oas.yaml).
import { Router, type Request } from 'express';
import { agentTimes, CUSTOM_STATUSES, withOrigin } from '../sample-account/index.js';
import type { ZendeskData } from './data.js';
import { ApiError, jsonPaths, listPage, range } from './paging.js';
import {
  renderComment,
  renderGroup,
  renderKeyedField,
  renderOrganization,
  renderSystemTicketField,
  renderTicketField,
  SYSTEM_TICKET_FIELDS,
} from './render.js';
import { commentAuditId } from './data.js';

export function supportRoutes(d: ZendeskData, origin: () => string, meEmail: string): Router {
  const r = Router();
  const a = d.account;
  let live: number[] | null = null;
  const liveTickets = (): number[] => (live ??= range(0, a.size.tickets).filter((i) => !d.deleted.has(i)));
  const ticketIndex = (req: Request): number => {
    const i = Number(req.params['id']) - 1;
    if (!Number.isInteger(i) || i < 0 || i >= a.size.tickets || d.deleted.has(i)) {
      throw new ApiError(404, { error: 'RecordNotFound', description: 'Not found' });
    }
    return i;
  };

  r.get(jsonPaths('/api/v2/users/me'), (_req, res) => {
    const i = d.agents.findIndex((x) => x.email === meEmail);
    res.json({ user: d.user(Math.max(0, i)) });
  });
  r.get(jsonPaths('/api/v2/users'), (req, res) => {
    // role[]=agent&role[]=admin lists the staff only (agents come first in the emulated user list).
    const roles = [req.query['role'] ?? []].flat().map(String);
    const staffOnly = roles.length > 0 && roles.every((x) => x === 'agent' || x === 'admin');
    res.json(listPage(req, origin(), 'users', staffOnly ? d.agents.length : d.userCount, d.user));
  });
  r.get(jsonPaths('/api/v2/group_memberships'), (req, res) => {
    const rows = d.agents.flatMap((x) =>
      x.groupIds.map((g) => ({ user_id: Number(x.id), group_id: Number(g) })),
    );
    const t = d.user(0)['created_at'];
    res.json(
      listPage(req, origin(), 'group_memberships', rows.length, (i) => ({
        id: 90_000_000 + i,
        ...rows[i]!,
        default: false,
        created_at: t,
        updated_at: t,
      })),
    );
  });
  r.get(jsonPaths('/api/v2/tickets'), (req, res) => {
    // Deleted tickets are not listed (they live in the deleted-tickets view); otherwise id order, or
    // newest first with sort_order=desc (sort_by id and created_at give the same order here).
    const live = liveTickets();
    const at = req.query['sort_order'] === 'desc' ? (i: number) => live.length - 1 - i : (i: number) => i;
    res.json(listPage(req, origin(), 'tickets', live.length, (i) => d.ticket(live[at(i)]!)));
  });
  r.get(jsonPaths('/api/v2/tickets/show_many'), (req, res) => {
    // Up to 100 ids; missing and deleted ones are left out (support-oas.yaml TicketsShowMany).
    const ids = String(req.query['ids'] ?? '')
      .split(',')
      .filter((s) => s !== '');
    if (ids.length > 100)
      throw new ApiError(400, { error: 'InvalidValue', description: 'ids: at most 100 ids' });
    const found = ids
      .map((id) => Number(id) - 1)
      .filter((i) => Number.isInteger(i) && i >= 0 && i < a.size.tickets && !d.deleted.has(i));
    res.json({
      tickets: found.map((i) => d.ticket(i)),
      next_page: null,
      previous_page: null,
      count: found.length,
    });
  });
  // Live catch-up's targeted re-reads: users and organizations by id, unknown ids left out (support-oas.yaml
  // ShowManyUsers / ShowManyOrganizations).
  const idsOf = (req: Request): Set<string> =>
    new Set(
      String(req.query['ids'] ?? '')
        .split(',')
        .filter((s) => s !== ''),
    );
  r.get(jsonPaths('/api/v2/users/show_many'), (req, res) => {
    const ids = idsOf(req);
    const users = range(0, d.userCount)
      .map((i) => d.user(i))
      .filter((u) => ids.has(String(u['id'])));
    res.json({ users, next_page: null, previous_page: null, count: users.length });
  });
  r.get(jsonPaths('/api/v2/organizations/show_many'), (req, res) => {
    const ids = idsOf(req);
    const organizations = range(0, a.size.companies)
      .map((i) => renderOrganization(origin(), a.company(i)))
      .filter((o) => ids.has(String(o['id'])));
    res.json({ organizations, next_page: null, previous_page: null, count: organizations.length });
  });
  r.get(jsonPaths('/api/v2/tickets/count'), (_req, res) => {
    res.json({ count: { value: a.size.tickets - d.deleted.size, refreshed_at: new Date().toISOString() } });
  });
  r.get(jsonPaths('/api/v2/users/count'), (_req, res) => {
    res.json({ count: { value: d.userCount, refreshed_at: new Date().toISOString() } });
  });
  r.get(jsonPaths('/api/v2/organizations/count'), (_req, res) => {
    res.json({ count: { value: a.size.companies, refreshed_at: new Date().toISOString() } });
  });
  r.get(jsonPaths('/api/v2/organizations'), (req, res) => {
    res.json(
      listPage(req, origin(), 'organizations', a.size.companies, (i) =>
        renderOrganization(origin(), a.company(i)),
      ),
    );
  });
  r.get(jsonPaths('/api/v2/groups'), (req, res) => {
    const groups = a.groups();
    res.json(listPage(req, origin(), 'groups', groups.length, (i) => renderGroup(origin(), groups[i]!)));
  });
  r.get(jsonPaths('/api/v2/ticket_fields'), (req, res) => {
    const all = [
      ...SYSTEM_TICKET_FIELDS.map((s) => renderSystemTicketField(origin(), s)),
      ...d.ticketFields.map((f, i) => renderTicketField(origin(), f, SYSTEM_TICKET_FIELDS.length + i)),
    ];
    res.json(listPage(req, origin(), 'ticket_fields', all.length, (i) => all[i]!));
  });
  for (const [path, scope] of [
    ['/api/v2/user_fields', 'contact'],
    ['/api/v2/organization_fields', 'company'],
  ] as const) {
    const key = scope === 'contact' ? 'user_fields' : 'organization_fields';
    r.get(jsonPaths(path), (req, res) => {
      const fields = a.fields(scope);
      res.json(
        listPage(req, origin(), key, fields.length, (i) => renderKeyedField(origin(), key, fields[i]!, i)),
      );
    });
  }
  r.get(jsonPaths('/api/v2/tags'), (req, res) => {
    const tags = [...d.tagCounts()].sort((x, y) => y[1] - x[1]);
    res.json(
      listPage(req, origin(), 'tags', tags.length, (i) => ({ name: tags[i]![0], count: tags[i]![1] })),
    );
  });
  r.get(jsonPaths('/api/v2/tickets/:id'), (req, res) => {
    res.json({ ticket: d.ticket(ticketIndex(req)) });
  });
  r.get(jsonPaths('/api/v2/tickets/:id/comments'), (req, res) => {
    const comments = a.comments(ticketIndex(req)).map((c) => withOrigin(c, origin()));
    const inline = req.query['include_inline_images'] === 'true';
    res.json(
      listPage(req, origin(), 'comments', comments.length, (i) =>
        renderComment(
          comments[i]!,
          commentAuditId(comments[i]!.id),
          inline,
          d.commentQuirks(comments[i]!.ticketId),
        ),
      ),
    );
  });
  // Custom ticket statuses (CustomStatusesResponse; "no pagination is provided").
  r.get(jsonPaths('/api/v2/custom_statuses'), (_req, res) => {
    const t = agentTimes(0);
    res.json({
      custom_statuses: CUSTOM_STATUSES.map((s) => ({
        id: s.id,
        url: `${origin()}/api/v2/custom_statuses/${s.id}.json`,
        status_category: s.category,
        agent_label: s.agentLabel,
        raw_agent_label: s.agentLabel,
        end_user_label: s.endUserLabel,
        raw_end_user_label: s.endUserLabel,
        description: '',
        raw_description: '',
        end_user_description: '',
        raw_end_user_description: '',
        active: true,
        default: s.isDefault,
        created_at: t.createdAt,
        updated_at: t.updatedAt,
      })),
    });
  });
  r.get(jsonPaths('/api/v2/tickets/:id/audits'), (req, res) => {
    const audits = d.audits(ticketIndex(req));
    res.json(
      listPage(req, origin(), 'audits', audits.length, (i) => {
        const x = audits[i]!;
        return {
          id: x.id,
          ticket_id: x.ticketId,
          author_id: x.authorId,
          created_at: x.createdAt,
          via: { channel: 'web' },
          metadata: {},
          events: x.events,
        };
      }),
    );
  });
  return r;
}
