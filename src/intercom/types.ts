// Request bodies Ferry sends, written from the 2.16 description (components/schemas/<name> in comments).
// The emulator validates every one of them against the description itself.

type Attrs = Record<string, string | number | boolean | null>;

/** create_contact_request: at least one of email, external_id, role. No created_at: use signed_up_at. */
export interface CreateContactBody {
  role?: 'user' | 'lead';
  external_id?: string;
  email?: string;
  phone?: string;
  name?: string;
  avatar?: string;
  signed_up_at?: number;
  last_seen_at?: number;
  owner_id?: string;
  unsubscribed_from_emails?: boolean;
  custom_attributes?: Attrs;
}
/** update_contact_request */
export type UpdateContactBody = CreateContactBody;

/** create_or_update_company_request (an upsert keyed by company_id). No created_at: remote_created_at. */
export interface UpsertCompanyBody {
  company_id: string;
  name?: string;
  plan?: string;
  size?: number;
  website?: string;
  industry?: string;
  custom_attributes?: Attrs;
  remote_created_at?: number;
  monthly_spend?: number;
}

/** single_filter_search_request / multiple_filter_search_request */
export type SearchQuery =
  | {
      field: string;
      operator: '=' | '!=' | 'IN' | 'NIN' | '<' | '<=' | '>' | '>=' | '~' | '!~' | '^' | '$';
      value: unknown;
    }
  | { operator: 'AND' | 'OR'; value: SearchQuery[] };
/** search_request */
export interface SearchBody {
  query: SearchQuery;
  pagination?: { per_page?: number; starting_after?: string };
}

/** create_data_attribute_request */
export interface CreateDataAttributeBody {
  name: string;
  model: 'contact' | 'company';
  data_type: 'string' | 'integer' | 'float' | 'boolean' | 'datetime' | 'date' | 'options';
  description?: string;
  options?: Array<{ value: string }>;
  messenger_writable?: boolean;
}

type AttachmentFile = { content_type: string; data: string; name: string };

/** create_conversation_request: from a contact; no skip_notifications exists here. */
export interface CreateConversationBody {
  from: { type: 'user' | 'lead' | 'contact'; id: string };
  body: string;
  subject?: string;
  attachment_urls?: string[];
  created_at?: number;
}

/** The admin and the contact halves of a reply: the same in conversation and ticket replies. */
interface AdminReplyBody {
  message_type: 'comment' | 'note';
  type: 'admin';
  admin_id: string;
  body?: string;
  created_at?: number;
  attachment_urls?: string[];
  attachment_files?: AttachmentFile[];
}
interface ContactReplyBody {
  message_type: 'comment';
  type: 'user';
  intercom_user_id: string;
  body: string;
  created_at?: number;
  attachment_urls?: string[];
}

/** admin_reply_conversation_request | contact_reply_conversation_request (silencing: admin replies only) */
export type ReplyToConversationBody = (AdminReplyBody & { skip_notifications?: boolean }) | ContactReplyBody;

/** update_conversation_request */
export interface UpdateConversationBody {
  read?: boolean;
  title?: string;
  custom_attributes?: Attrs;
  company_id?: string;
}

/** create_conversation_attribute_string_request (2.16 POST /conversations/attributes). */
export interface CreateConversationAttributeBody {
  name: string;
  data_type: 'string' | 'list' | 'integer' | 'decimal' | 'boolean' | 'datetime';
  description?: string;
  multiline?: boolean;
  options?: { label: string }[];
}

/** update_conversation_attribute_request (only what Ferry changes: the name, when a rollback frees it). */
export interface UpdateConversationAttributeBody {
  name: string;
}

/** attach_contact_to_conversation_request: a contact joins the conversation as a participant. */
export interface AddParticipantBody {
  admin_id: string;
  customer: { intercom_user_id: string };
}

/** assign_conversation_request / close_conversation_request (POST /conversations/{id}/parts). */
export type ConversationPartBody =
  | { message_type: 'assignment'; type: 'admin' | 'team'; admin_id: string; assignee_id: string }
  | { message_type: 'close'; type: 'admin'; admin_id: string };

/** create_ticket_type_request */
export interface CreateTicketTypeBody {
  name: string;
  description?: string;
  category?: 'Customer' | 'Back-office' | 'Tracker';
  icon?: string;
  is_internal?: boolean;
}
/** create_ticket_type_attribute_request */
export interface CreateTicketTypeAttributeBody {
  name: string;
  description: string;
  data_type: 'string' | 'list' | 'integer' | 'decimal' | 'boolean' | 'datetime' | 'files';
  required_to_create?: boolean;
  visible_on_create?: boolean;
  visible_to_contacts?: boolean;
  multiline?: boolean;
  list_items?: string;
  allow_multiple_values?: boolean;
}

/** update_ticket_type_attribute_request (only what Ferry changes: the list items, and `archived` when a
 * rollback archives an attribute Ferry added to a ticket type that was there before). */
export type UpdateTicketTypeAttributeBody = { list_items: string } | { archived: boolean };

/** create_ticket_request (+ skip_notifications on the operation). Exactly one contact. */
export interface CreateTicketBody {
  ticket_type_id: string;
  contacts: [{ id: string } | { external_id: string } | { email: string }];
  company_id?: string;
  created_at?: number;
  ticket_attributes?: Attrs;
  assignment?: { admin_assignee_id?: string; team_assignee_id?: string };
  skip_notifications?: boolean;
}
/** update_ticket_request (+ skip_notifications) */
export interface UpdateTicketBody {
  ticket_attributes?: Attrs;
  ticket_state_id?: string;
  company_id?: string;
  open?: boolean;
  is_shared?: boolean;
  snoozed_until?: number;
  admin_id?: number;
  assignee_id?: string;
  skip_notifications?: boolean;
}
/** admin_reply_ticket_request | contact_reply_ticket_request (+ skip_notifications) */
export type ReplyToTicketBody = (AdminReplyBody | ContactReplyBody) & { skip_notifications?: boolean };

/** create_collection_request */
export interface CreateCollectionBody {
  name: string;
  description?: string;
  parent_id?: string;
  help_center_id?: number;
}
/** create_article_request (no created_at exists here) */
export interface CreateArticleBody {
  title: string;
  author_id: number;
  description?: string;
  body?: string;
  state?: 'published' | 'draft';
  parent_id?: number;
  parent_type?: string;
  translated_content?: Record<string, unknown>;
}
/** update_article_request */
export type UpdateArticleBody = Partial<Omit<CreateArticleBody, 'parent_id'>> & { parent_id?: string };
/** create_help_center_redirect_request */
export interface CreateHelpCenterRedirectBody {
  from_url: string;
  locale: string;
  target_type: 'article' | 'collection';
  target_id: string;
}
