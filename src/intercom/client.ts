// Ferry's Intercom REST client: one method per call Ferry makes (2.16; paths as in the description).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { RecordError } from '../errors.js';
import { existingContactId, intercomMessage } from './errors.js';
import { createIntercomHttp, type IntercomHttp } from './http.js';
import { workspaceBudget, type RateBudget } from './rate-budget.js';
import { intercomBaseUrl, type IntercomRegion } from './regions.js';
import type { RetryPolicy } from './retry-policy.js';
import * as s from './schemas.js';
import type * as t from './types.js';

export interface IntercomClientOptions {
  accessToken: string;
  region?: IntercomRegion;
  /** INTERCOM_API_URL: an emulator or proxy instead of the region's host. */
  baseUrl?: string;
  logger: Logger;
  /** Shared by every client of the same workspace; by default the process-wide one of this token. */
  budget?: RateBudget;
  /** The budget of a workspace by its key (the base URL and a hash of the token), when not `budget`:
   *  e.g. one shared with other processes (shared-rate-budget.ts). Default: workspaceBudget. */
  budgetFor?: (key: string) => RateBudget;
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
  /** Ends every wait (rate budget, retry) when it aborts; see also IntercomClient.withSignal. */
  signal?: AbortSignal;
}

const enc = encodeURIComponent;
/** Where each kind of object a rollback deletes lives (2.16). */
const DELETE_PATHS = {
  article: '/articles',
  collection: '/help_center/collections',
  ticket: '/tickets',
  conversation: '/conversations',
  tag: '/tags',
  contact: '/contacts',
  company: '/companies',
} as const;
export type DeletableKind = keyof typeof DELETE_PATHS;

const tagBody = z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), name: z.string() });

export function createIntercomClient(o: IntercomClientOptions) {
  const baseUrl = intercomBaseUrl(o.region, o.baseUrl);
  const budgetKey = `${baseUrl} ${createHash('sha256').update(o.accessToken).digest('hex').slice(0, 16)}`;
  const http: IntercomHttp = createIntercomHttp({
    baseUrl,
    accessToken: o.accessToken,
    budget: o.budget ?? (o.budgetFor ?? workspaceBudget)(budgetKey),
    logger: o.logger,
    timeoutMs: o.timeoutMs,
    retryPolicy: o.retryPolicy,
    ...(o.signal ? { signal: o.signal } : {}),
  });
  return bindClient(baseUrl, http);
}

export type IntercomMethods = ReturnType<typeof intercomMethods>;

export interface IntercomClient extends IntercomMethods {
  /** The same client whose waits (rate budget, retries) end when `signal` aborts: a pause, a shutdown. */
  withSignal(signal: AbortSignal): IntercomClient;
  /** Calls a second the workspace's rate budget still allows (undefined before Intercom said anything). */
  remainingPerSecond(): number | undefined;
}

function bindClient(baseUrl: string, http: IntercomHttp): IntercomClient {
  return {
    ...intercomMethods(baseUrl, http),
    withSignal: (s) => bindClient(baseUrl, http.withSignal(s)),
    remainingPerSecond: () => http.remainingPerSecond(),
  };
}

function intercomMethods(baseUrl: string, http: IntercomHttp) {
  const get = <T extends z.ZodType>(
    path: string,
    schema: T,
    query?: Record<string, string | number | undefined>,
  ) => http.request({ method: 'get', path, schema, query });
  const post = <T extends z.ZodType>(path: string, body: unknown, schema: T, idempotent = false) =>
    http.request({ method: 'post', path, body, schema, idempotent });
  const put = <T extends z.ZodType>(path: string, body: unknown, schema: T) =>
    http.request({ method: 'put', path, body, schema });
  /** A read that answers null when Intercom has no such object (404): verification's read-back. */
  const getOrNull = async <T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T> | null> => {
    const r = await http.call({ method: 'get', path, schema, passStatuses: [404] });
    return r.ok ? r.data : null;
  };
  /** A write that answers { ok: false } when Intercom has no such object (404): a rollback's, where gone is done. */
  const changeOrGone = (method: 'put' | 'delete', path: string, body?: unknown) =>
    http.call({ method, path, body, schema: z.unknown(), passStatuses: [404] });
  /** A cursor-paged list read to its end (pages.next.starting_after). */
  const allPages = async <I>(
    read: (query?: { starting_after: string }) => Promise<{ data: I[]; pages?: s.NextPage }>,
  ): Promise<I[]> => {
    const out: I[] = [];
    let after: string | undefined;
    do {
      const page = await read(after ? { starting_after: after } : undefined);
      out.push(...page.data);
      after = page.pages?.next?.starting_after ?? undefined;
    } while (after);
    return out;
  };

  return {
    baseUrl,
    getMe: () => get('/me', s.adminWithApp),
    listAdmins: async () => (await get('/admins', s.adminList)).admins,
    listTeams: async () => (await get('/teams', s.teamList)).teams,

    /**
     * Creates a contact; when Intercom answers 409 "… already exists with id=…", resolves to that contact
     * instead (DESIGN.md: contacts are deduplicated by the ledger and Intercom's 409, not by search).
     */
    async createContact(
      body: t.CreateContactBody,
    ): Promise<{ id: string; created: boolean; contact?: s.Contact }> {
      // Idempotent in effect: repeating it after an unknown outcome ends in the 409 below.
      const r = await http.call({
        method: 'post',
        path: '/contacts',
        body,
        schema: s.contact,
        idempotent: true,
        passStatuses: [409],
      });
      if (r.ok) return { id: r.data.id, created: true, contact: r.data };
      const id = existingContactId(r.body);
      if (!id)
        throw new RecordError(
          `Intercom POST /contacts failed with 409: ${intercomMessage(r.body, 'conflict')}`,
        );
      return { id, created: false };
    },
    updateContact: (id: string, body: t.UpdateContactBody) => put(`/contacts/${enc(id)}`, body, s.contact),
    getContact: (id: string) => get(`/contacts/${enc(id)}`, s.contact),
    searchContacts: (body: t.SearchBody) => post('/contacts/search', body, s.contactList, true),
    attachContactToCompany: (contactId: string, companyIntercomId: string) =>
      post(`/contacts/${enc(contactId)}/companies`, { id: companyIntercomId }, s.company, true),
    upsertCompany: (body: t.UpsertCompanyBody) => post('/companies', body, s.company, true),

    /** 2.16 GET /contacts/find_by_external_id/{external_id} (users only): a read that does not lag writes,
     * unlike search. Null when there is no such contact (404). */
    async findContactByExternalId(externalId: string): Promise<string | null> {
      const r = await http.call({
        method: 'get',
        path: `/contacts/find_by_external_id/${enc(externalId)}`,
        schema: s.contact,
        idempotent: true,
        passStatuses: [404],
      });
      return r.ok ? r.data.id : null;
    },
    /** 2.16 GET /companies?company_id=: the company by Ferry's company_id, read without search's lag. 2.16
     * describes a company_list answer; a single company (what older versions sent) is taken too. */
    async findCompany(companyId: string): Promise<string | null> {
      const r = await http.call({
        method: 'get',
        path: '/companies',
        query: { company_id: companyId },
        schema: z.union([z.looseObject({ data: z.array(s.company) }).transform((l) => l.data), s.company]),
        idempotent: true,
        passStatuses: [404],
      });
      if (!r.ok) return null;
      const found = Array.isArray(r.data) ? r.data : [r.data];
      return found.find((c) => c.company_id === companyId)?.id ?? null;
    },

    /** Every tag of the workspace (2.16 GET /tags): names for the ids a contact's tag list gives. */
    listTags: async () => (await get('/tags', z.looseObject({ data: z.array(tagBody).default([]) }))).data,
    createTag: (name: string) => post('/tags', { name }, tagBody, true),
    /** Tags a company by name (2.16 POST /tags, tag_company_request); Intercom creates the tag if needed. */
    tagCompany: (name: string, companyIntercomId: string) =>
      post('/tags', { name, companies: [{ id: companyIntercomId }] }, tagBody, true),
    tagContact: (contactId: string, tagId: string) =>
      post(`/contacts/${enc(contactId)}/tags`, { id: tagId }, s.tag, true),
    tagConversation: (conversationId: string, tagId: string, adminId: string) =>
      post(`/conversations/${enc(conversationId)}/tags`, { id: tagId, admin_id: adminId }, s.tag, true),
    tagTicket: (ticketId: string, tagId: string, adminId: string) =>
      post(`/tickets/${enc(ticketId)}/tags`, { id: tagId, admin_id: adminId }, s.tag, true),

    /** Contact and company attributes only: 2.16 refuses model=conversation (listConversationAttributes). */
    listDataAttributes: async (model: 'contact' | 'company') =>
      (await get('/data_attributes', s.dataAttributeList, { model })).data,
    createDataAttribute: (body: t.CreateDataAttributeBody) => post('/data_attributes', body, s.dataAttribute),

    /** Opens a conversation from a contact; answers with the new conversation's id. */
    createConversation: async (body: t.CreateConversationBody) =>
      (await post('/conversations', body, s.createdMessage)).conversation_id,
    replyToConversation: (id: string, body: t.ReplyToConversationBody) =>
      post(`/conversations/${enc(id)}/reply`, body, s.conversation),
    getConversation: (id: string) => get(`/conversations/${enc(id)}`, s.conversation),
    updateConversation: (id: string, body: t.UpdateConversationBody) =>
      put(`/conversations/${enc(id)}`, body, s.conversation),
    searchConversations: (body: t.SearchBody) =>
      post('/conversations/search', body, s.conversationList, true),
    /** Adds a contact as a participant; harmless to repeat (a participant is added once). */
    addConversationParticipant: (id: string, body: t.AddParticipantBody) =>
      post(`/conversations/${enc(id)}/customers`, body, s.conversation, true),
    /** Assigns or closes a conversation (each call adds a part, so it is not retried after a 5xx). */
    manageConversation: (id: string, body: t.ConversationPartBody) =>
      post(`/conversations/${enc(id)}/parts`, body, s.conversation),
    listConversationAttributes: async () =>
      (await get('/conversations/attributes', s.conversationAttributeList)).data,
    createConversationAttribute: (body: t.CreateConversationAttributeBody) =>
      post('/conversations/attributes', body, s.conversationAttribute),
    /** 2.16 GET /conversations/attributes/{id} (null: 404, no such attribute). */
    getConversationAttribute: (id: string) =>
      getOrNull(`/conversations/attributes/${enc(id)}`, s.conversationAttribute),
    /** 2.16 PUT /conversations/attributes/{id} (update_conversation_attribute_request); false: 404. */
    updateConversationAttribute: async (id: string, body: t.UpdateConversationAttributeBody) =>
      (await changeOrGone('put', `/conversations/attributes/${enc(id)}`, body)).ok,
    /** 2.16 DELETE /conversations/attributes/{id}: archives it (a soft delete, no way back); false: 404. */
    archiveConversationAttribute: async (id: string) =>
      (await changeOrGone('delete', `/conversations/attributes/${enc(id)}`)).ok,

    listTicketTypes: async () => (await get('/ticket_types', s.ticketTypeList)).data,
    createTicketType: (body: t.CreateTicketTypeBody) => post('/ticket_types', body, s.ticketType),
    createTicketTypeAttribute: (ticketTypeId: string, body: t.CreateTicketTypeAttributeBody) =>
      post(`/ticket_types/${enc(ticketTypeId)}/attributes`, body, s.ticketTypeAttribute),
    /** 2.16 PUT /ticket_types/{ticket_type_id}/attributes/{attribute_id}: a list attribute's items. */
    updateTicketTypeAttribute: (
      ticketTypeId: string,
      attributeId: string,
      body: t.UpdateTicketTypeAttributeBody,
    ) =>
      put(`/ticket_types/${enc(ticketTypeId)}/attributes/${enc(attributeId)}`, body, s.ticketTypeAttribute),
    listTicketStates: async () => (await get('/ticket_states', s.ticketStateList)).data,
    createTicket: (body: t.CreateTicketBody) => post('/tickets', body, s.ticket),
    replyToTicket: (id: string, body: t.ReplyToTicketBody) =>
      post(`/tickets/${enc(id)}/reply`, body, s.ticketReply),
    getTicket: (id: string) => get(`/tickets/${enc(id)}`, s.ticket),
    updateTicket: (id: string, body: t.UpdateTicketBody) => put(`/tickets/${enc(id)}`, body, s.ticket),
    searchTickets: (body: t.SearchBody) => post('/tickets/search', body, s.ticketList, true),

    /** Reads an object back by its Intercom id (null: Intercom has none): GETs only, never a write. */
    readBack: {
      ticket: (id: string) => getOrNull(`/tickets/${enc(id)}`, s.ticket),
      conversation: (id: string) => getOrNull(`/conversations/${enc(id)}`, s.conversation),
      contact: (id: string) => getOrNull(`/contacts/${enc(id)}`, s.contact),
      company: (id: string) => getOrNull(`/companies/${enc(id)}`, s.company),
      article: (id: string) => getOrNull(`/articles/${enc(id)}`, s.article),
    },

    /**
     * Deletes what a rollback removes (2.16 DELETE /articles/{id}, /help_center/collections/{id},
     * /tickets/{id}, /conversations/{id}, /tags/{id}, /contacts/{id}, /companies/{id}). Resolves to true when
     * Intercom deleted it and false when it had no such object (404): both mean it is gone.
     */
    remove: Object.fromEntries(
      Object.entries(DELETE_PATHS).map(([kind, prefix]) => [
        kind,
        async (id: string) =>
          (
            await http.call({
              method: 'delete',
              path: `${prefix}/${enc(id)}`,
              schema: z.unknown(),
              passStatuses: [404],
            })
          ).ok,
      ]),
    ) as Record<keyof typeof DELETE_PATHS, (id: string) => Promise<boolean>>,
    /** Whether Intercom still has the object (a rollback's read-back): GET, false on 404. */
    exists: async (kind: DeletableKind, id: string) =>
      (
        await http.call({
          method: 'get',
          path: `${DELETE_PATHS[kind]}/${enc(id)}`,
          schema: z.unknown(),
          passStatuses: [404],
        })
      ).ok,
    /** 2.16 PUT /data_attributes/{id} `archived` (a data attribute cannot be deleted, only archived). */
    archiveDataAttribute: (id: string, archived = true) =>
      put(`/data_attributes/${enc(id)}`, { archived }, s.dataAttribute),
    /** 2.16 PUT /ticket_types/{ticket_type_id}/attributes/{attribute_id} `archived` (an attribute cannot be
     * deleted; this one can be taken back out of the archive); false: 404. */
    archiveTicketTypeAttribute: async (ticketTypeId: string, attributeId: string, archived = true) =>
      (
        await changeOrGone('put', `/ticket_types/${enc(ticketTypeId)}/attributes/${enc(attributeId)}`, {
          archived,
        } satisfies t.UpdateTicketTypeAttributeBody)
      ).ok,
    /** 2.16 PUT /ticket_types/{id} `archived` (a ticket type cannot be deleted). */
    archiveTicketType: (id: string) => put(`/ticket_types/${enc(id)}`, { archived: true }, s.ticketType),

    listHelpCenters: async () => (await get('/help_center/help_centers', s.helpCenterList)).data,
    createCollection: (body: t.CreateCollectionBody) => post('/help_center/collections', body, s.collection),
    /** Every collection (2.16 GET /help_center/collections), for finding one whose creation answer was lost. */
    listCollections: () => allPages((q) => get('/help_center/collections', s.collectionList, q)),
    /** Every article (2.16 GET /articles), for finding one whose creation answer was lost. */
    listArticles: () => allPages((q) => get('/articles', s.articleList, q)),
    createArticle: (body: t.CreateArticleBody) => post('/articles', body, s.article),
    updateArticle: (id: string, body: t.UpdateArticleBody) => put(`/articles/${enc(id)}`, body, s.article),
    /** 2.16 GET /help_center/help_centers/{id}/redirects, every page (page / per_page, at most 250). */
    async listRedirects(helpCenterId: string): Promise<s.HelpCenterRedirect[]> {
      const out: s.HelpCenterRedirect[] = [];
      for (let page = 1; ; page++) {
        const path = `/help_center/help_centers/${enc(helpCenterId)}/redirects`;
        const r = await get(path, s.helpCenterRedirectList, { page, per_page: 250 });
        out.push(...r.data);
        if (r.data.length === 0 || page >= (r.pages?.total_pages ?? 1)) return out;
      }
    },
    /**
     * 2.16 POST /help_center/help_centers/{id}/redirects. A 409 (that from_url has a redirect already, e.g.
     * created before an answer was lost) answers null: the caller reads the list again.
     */
    async createRedirect(
      helpCenterId: string,
      body: t.CreateHelpCenterRedirectBody,
    ): Promise<s.HelpCenterRedirect | null> {
      const r = await http.call({
        method: 'post',
        path: `/help_center/help_centers/${enc(helpCenterId)}/redirects`,
        body,
        schema: s.helpCenterRedirect,
        idempotent: true,
        passStatuses: [409],
      });
      return r.ok ? r.data : null;
    },
  };
}
