// Lenient zod schemas of the Intercom 2.16 objects Ferry reads (components/schemas/* of the description):
// the fields Ferry uses, typed; everything else passed through. Ids are strings except where 2.16 says
// integer (data_attribute.id, admin/team assignee ids, collection.help_center_id).
import { z } from 'zod';

const id = z.union([z.string(), z.number()]).transform(String);
const nullableString = z.string().nullish();
const timestamp = z.number().nullish();
const list = <T extends z.ZodType>(item: T) => z.array(item).default([]);

export const cursorPages = z
  .looseObject({
    type: z.string().optional(),
    page: z.number().optional(),
    per_page: z.number().optional(),
    total_pages: z.number().optional(),
    next: z.looseObject({ starting_after: z.string().nullish(), per_page: z.number().optional() }).nullish(),
  })
  .nullish();

export const admin = z.looseObject({
  type: z.string().optional(),
  id,
  name: nullableString,
  email: nullableString,
  away_mode_enabled: z.boolean().optional(),
  has_inbox_seat: z.boolean().optional(),
  team_ids: z.array(z.number()).optional(),
});
export const adminWithApp = admin.extend({
  app: z
    .looseObject({
      id_code: z.string(),
      name: nullableString,
      region: nullableString,
      timezone: nullableString,
    })
    .nullish(),
});
export const adminList = z.looseObject({ admins: list(admin) });

export const team = z.looseObject({ id, name: z.string(), admin_ids: z.array(z.number()).optional() });
export const teamList = z.looseObject({ teams: list(team) });

/** A tag as objects list it: 2.16 tag_list (`data`) or Intercom's `tags` list on conversations. */
const tagRef = z.looseObject({ id: id.optional(), name: nullableString });
export const tagRefs = z
  .looseObject({ tags: z.array(tagRef).optional(), data: z.array(tagRef).optional() })
  .nullish();

export const contact = z.looseObject({
  type: z.string().optional(),
  id: z.string(),
  external_id: nullableString,
  role: z.string().optional(),
  email: nullableString,
  phone: nullableString,
  name: nullableString,
  created_at: timestamp,
  signed_up_at: timestamp,
  custom_attributes: z.record(z.string(), z.unknown()).nullish(),
  tags: tagRefs,
  companies: z.looseObject({ data: z.array(z.looseObject({ id: z.string() })).optional() }).nullish(),
});
export const contactList = z.looseObject({
  data: list(contact),
  total_count: z.number().optional(),
  pages: cursorPages,
});

export const company = z.looseObject({
  type: z.string().optional(),
  id: z.string(),
  company_id: nullableString,
  name: nullableString,
  remote_created_at: timestamp,
  custom_attributes: z.record(z.string(), z.unknown()).nullish(),
});

export const tag = z.looseObject({ type: z.string().optional(), id, name: z.string() });

export const dataAttribute = z.looseObject({
  id: id.optional(),
  model: z.string().optional(),
  name: z.string(),
  full_name: nullableString,
  label: nullableString,
  data_type: z.string(),
  options: z.array(z.unknown()).nullish(),
  custom: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export const dataAttributeList = z.looseObject({ data: list(dataAttribute) });

/** 2.16 conversation_attribute (GET/POST /conversations/attributes). */
export const conversationAttribute = z.looseObject({
  id,
  name: z.string(),
  data_type: z.string(),
  archived: z.boolean().optional(),
});
export const conversationAttributeList = z.looseObject({ data: list(conversationAttribute) });

const partAuthor = z.looseObject({
  type: z.string(),
  id: id.nullish(),
  name: nullableString,
  email: nullableString,
});
export const conversationPart = z.looseObject({
  id,
  part_type: z.string(),
  body: nullableString,
  created_at: timestamp,
  author: partAuthor.nullish(),
  attachments: z.array(z.looseObject({ url: z.string().optional(), name: nullableString })).nullish(),
  external_id: nullableString,
});
export const conversation = z.looseObject({
  type: z.string().optional(),
  id,
  title: nullableString,
  created_at: timestamp,
  updated_at: timestamp,
  state: z.string().optional(),
  open: z.boolean().optional(),
  admin_assignee_id: z.number().nullish(),
  team_assignee_id: z.union([z.number(), z.string()]).nullish(),
  custom_attributes: z.record(z.string(), z.unknown()).nullish(),
  contacts: z.looseObject({ contacts: list(z.looseObject({ id: z.string() })) }).nullish(),
  tags: tagRefs,
  company: z.looseObject({ id: id.optional() }).nullish(),
  /** The opening message (2.16 conversation_source): its author and files. */
  source: z
    .looseObject({
      author: z.looseObject({ id: id.nullish() }).nullish(),
      attachments: z.array(z.looseObject({ name: nullableString })).nullish(),
    })
    .nullish(),
  conversation_parts: z
    .looseObject({ conversation_parts: list(conversationPart), total_count: z.number().optional() })
    .nullish(),
});
export const conversationList = z.looseObject({
  conversations: list(conversation),
  total_count: z.number().optional(),
  pages: cursorPages,
});
/** POST /conversations answers with a message naming the conversation it opened. */
export const createdMessage = z.looseObject({ type: z.string(), id, conversation_id: id });

export const ticketState = z.looseObject({
  type: z.string().optional(),
  id,
  category: z.string(),
  internal_label: nullableString,
  external_label: nullableString,
});
export const ticketStateList = z.looseObject({ data: list(ticketState) });

export const ticketTypeAttribute = z.looseObject({
  id,
  name: z.string(),
  data_type: z.string(),
  required_to_create: z.boolean().optional(),
  archived: z.boolean().optional(),
  default: z.boolean().optional(),
});
export const ticketType = z.looseObject({
  id,
  name: z.string(),
  category: z.string().optional(),
  archived: z.boolean().optional(),
  ticket_type_attributes: z.looseObject({ ticket_type_attributes: list(ticketTypeAttribute) }).nullish(),
  ticket_states: z.looseObject({ data: list(ticketState) }).nullish(),
});
export const ticketTypeList = z.looseObject({ data: list(ticketType) });

const partAttachments = z
  .array(z.looseObject({ url: z.string().optional(), name: nullableString }))
  .nullish();
export const ticketPart = z.looseObject({
  id,
  part_type: z.string(),
  body: nullableString,
  created_at: timestamp,
  author: partAuthor.nullish(),
  attachments: partAttachments,
  external_id: nullableString,
});
export const ticket = z.looseObject({
  type: z.string().optional(),
  id,
  ticket_id: nullableString,
  category: z.string().optional(),
  created_at: timestamp,
  updated_at: timestamp,
  open: z.boolean().optional(),
  ticket_attributes: z.record(z.string(), z.unknown()).nullish(),
  ticket_state: ticketState.nullish(),
  ticket_type: z.looseObject({ id }).nullish(),
  contacts: z.looseObject({ contacts: list(z.looseObject({ id: z.string() })) }).nullish(),
  ticket_parts: z
    .looseObject({ ticket_parts: list(ticketPart), total_count: z.number().optional() })
    .nullish(),
  /** Not in 2.16's ticket schema; read when Intercom shows it (verification compares tags only then). */
  tags: tagRefs,
});
export const ticketList = z.looseObject({
  tickets: list(ticket),
  total_count: z.number().optional(),
  pages: cursorPages,
});
export const ticketReply = ticketPart;

export const helpCenter = z.looseObject({
  id,
  display_name: nullableString,
  identifier: nullableString,
  url: nullableString,
  custom_domain: nullableString,
});
export const helpCenterList = z.looseObject({ data: list(helpCenter) });
/** 2.16 help_center_redirect / help_center_redirect_list (paged by page and per_page). */
export const helpCenterRedirect = z.looseObject({
  id,
  from_url: z.string(),
  locale: nullableString,
  target_type: nullableString,
  target_id: id.nullish(),
});
export const helpCenterRedirectList = z.looseObject({
  data: list(helpCenterRedirect),
  pages: z.looseObject({ page: z.number().nullish(), total_pages: z.number().nullish() }).nullish(),
});
export const collection = z.looseObject({
  id,
  name: z.string(),
  parent_id: id.nullish(),
  help_center_id: id.nullish(),
  url: nullableString,
});
export const article = z.looseObject({
  type: z.string().optional(),
  id,
  title: nullableString,
  state: z.string().optional(),
  parent_id: id.nullish(),
  parent_ids: z.array(id).nullish(),
  url: nullableString,
  body: nullableString,
  /** 2.16 article_translated_content: locale → article_content (type and empty locales are null/absent). */
  translated_content: z
    .record(
      z.string(),
      z.union([
        z.string(),
        z.looseObject({
          state: nullableString,
          body: nullableString,
          title: nullableString,
          author_id: z.number().nullish(),
          url: nullableString,
        }),
        z.null(),
      ]),
    )
    .nullish(),
});
/** 2.16 collection_list / article_list (cursor pages: `pages.next.starting_after`). */
const nextPage = z
  .looseObject({ next: z.looseObject({ starting_after: z.string().nullish() }).nullish() })
  .nullish();
export const collectionList = z.looseObject({ data: list(collection), pages: nextPage });
export const articleList = z.looseObject({ data: list(article), pages: nextPage });
export type NextPage = z.infer<typeof nextPage>;

export const oauthToken = z.looseObject({
  token: z.string().optional(),
  access_token: z.string().optional(),
  token_type: nullableString,
});

export type Admin = z.infer<typeof admin>;
export type AdminWithApp = z.infer<typeof adminWithApp>;
export type Team = z.infer<typeof team>;
export type Contact = z.infer<typeof contact>;
export type Company = z.infer<typeof company>;
export type Tag = z.infer<typeof tag>;
export type DataAttribute = z.infer<typeof dataAttribute>;
export type Conversation = z.infer<typeof conversation>;
export type ConversationPart = z.infer<typeof conversationPart>;
export type TicketState = z.infer<typeof ticketState>;
export type TicketType = z.infer<typeof ticketType>;
export type TicketTypeAttribute = z.infer<typeof ticketTypeAttribute>;
export type Ticket = z.infer<typeof ticket>;
export type TicketPart = z.infer<typeof ticketPart>;
export type HelpCenter = z.infer<typeof helpCenter>;
export type HelpCenterRedirect = z.infer<typeof helpCenterRedirect>;
export type Collection = z.infer<typeof collection>;
export type Article = z.infer<typeof article>;
