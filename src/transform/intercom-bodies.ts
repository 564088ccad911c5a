// The Intercom 2.16 request bodies transform/ produces, typed after the official description
// (shared/specs/intercom/2.16/api.intercom.io.yaml; schema names in the comments). Only the fields Ferry sends.

/** A custom attribute value as Intercom stores it (strings, numbers, booleans; dates as Unix seconds). */
export type AttributeValue = string | number | boolean;

/** POST /contacts — create_contact_request. */
export interface ContactCreateBody {
  role: 'user';
  email?: string;
  external_id?: string;
  name?: string;
  phone?: string;
  signed_up_at?: number;
  custom_attributes: Record<string, AttributeValue>;
}

/** POST /companies — create_or_update_company_request. */
export interface CompanyBody {
  company_id: string;
  name: string;
  remote_created_at?: number;
  website?: string;
  industry?: string;
  custom_attributes: Record<string, AttributeValue>;
}

/** POST /contacts/{id}/companies. */
export interface AttachCompanyBody {
  id: string;
}

/** One file inside attachment_files — conversation_attachment_files. */
export interface AttachmentFile {
  name: string;
  content_type: string;
  /** base64 */
  data: string;
}

/** POST /tickets — create_ticket_request plus the operation's skip_notifications. */
export interface TicketCreateBody {
  ticket_type_id: string;
  contacts: [{ id: string }];
  created_at: number;
  company_id?: string;
  ticket_attributes: Record<string, AttributeValue>;
  assignment?: { admin_assignee_id?: string; team_assignee_id?: string };
  skip_notifications: true;
}

/** PUT /tickets/{id} — update_ticket_request plus skip_notifications. */
export interface TicketUpdateBody {
  ticket_state_id?: string;
  ticket_attributes?: Record<string, AttributeValue>;
  skip_notifications: true;
}

/** POST /tickets/{id}/reply or /conversations/{id}/reply as a teammate — admin_reply_*_request. */
export interface AdminReplyBody {
  message_type: 'comment' | 'note';
  type: 'admin';
  admin_id: string;
  body: string;
  created_at: number;
  attachment_files?: AttachmentFile[];
  attachment_urls?: string[];
  skip_notifications: true;
}

/**
 * A reply by a contact — contact_reply_ticket_intercom_user_id_request (tickets: attachment_urls only) or
 * contact_reply_intercom_user_id_request (conversations: attachment_files too). Tickets accept
 * skip_notifications on every reply; conversations do not take it from a contact.
 */
export interface ContactReplyBody {
  message_type: 'comment';
  type: 'user';
  intercom_user_id: string;
  body: string;
  created_at: number;
  attachment_files?: AttachmentFile[];
  attachment_urls?: string[];
  skip_notifications?: true;
}

export type ReplyBody = AdminReplyBody | ContactReplyBody;

/** POST /conversations — create_conversation_request (plain text, URLs only, no skip_notifications). */
export interface ConversationCreateBody {
  from: { type: 'user'; id: string };
  body: string;
  created_at: number;
  attachment_urls?: string[];
}

/** PUT /conversations/{id} — update_conversation_request. */
export interface ConversationUpdateBody {
  title?: string;
  custom_attributes: Record<string, AttributeValue>;
  company_id?: string;
}

/** POST /conversations/{id}/customers — attach_contact_to_conversation_request. */
export interface AttachParticipantBody {
  admin_id: string;
  customer: { intercom_user_id: string };
}

/** POST /conversations/{id}/parts — assign_conversation_request. */
export interface AssignConversationBody {
  message_type: 'assignment';
  type: 'admin' | 'team';
  admin_id: string;
  assignee_id: string;
}

/** POST /conversations/{id}/parts — close_conversation_request. */
export interface CloseConversationBody {
  message_type: 'close';
  type: 'admin';
  admin_id: string;
}

/** POST /tags — create_or_update_tag_request. */
export interface TagCreateBody {
  name: string;
}

/** POST /tickets/{id}/tags and /conversations/{id}/tags. */
export interface TagObjectBody {
  id: string;
  admin_id: string;
}

/** POST /data_attributes — create_data_attribute_request (contact and company attributes). */
export interface DataAttributeCreateBody {
  name: string;
  model: 'contact' | 'company';
  data_type: 'string' | 'integer' | 'float' | 'boolean' | 'date';
  description: string;
}

/** POST /ticket_types/{id}/attributes — create_ticket_type_attribute_request. */
export interface TicketTypeAttributeCreateBody {
  name: string;
  description: string;
  data_type: 'string' | 'list' | 'integer' | 'decimal' | 'boolean' | 'datetime';
  multiline?: boolean;
  /** Comma-delimited items (list attributes only). */
  list_items?: string;
  required_to_create: false;
  required_to_create_for_contacts: false;
  visible_on_create: boolean;
  visible_to_contacts: boolean;
}

/** POST /conversations/attributes — create_conversation_attribute_request (by data_type). */
export interface ConversationAttributeCreateBody {
  name: string;
  description: string;
  data_type: 'string' | 'list' | 'integer' | 'decimal' | 'boolean' | 'datetime';
  multiline?: boolean;
  options?: { label: string }[];
}

/** POST /ticket_types — create_ticket_type_request. */
export interface TicketTypeCreateBody {
  name: string;
  description: string;
  category: 'Customer';
  is_internal: false;
}

/** POST /help_center/collections — create_collection_request. */
export interface CollectionCreateBody {
  name: string;
  description?: string;
  parent_id?: string | null;
}

/** article_content inside translated_content. */
export interface ArticleContentBody {
  title: string;
  body: string;
  author_id: number;
  state: 'published' | 'draft';
}

/** POST /articles — create_article_request. */
export interface ArticleCreateBody {
  title: string;
  body: string;
  author_id: number;
  state: 'published' | 'draft';
  parent_id?: number;
  parent_type?: 'collection';
  translated_content?: { [locale: string]: ArticleContentBody };
}
