// What the Intercom emulator holds: every object written (with the timestamps it was given), every
// description violation, every write that could have been silenced and was not, every attachment fetch.
import { randomBytes } from 'node:crypto';
import { ContactStore } from './contact-store.js';
import { Taggings } from './taggings.js';

export type Obj = Record<string, unknown>;

export interface Part {
  id: string;
  part_type: string;
  body: string | null;
  created_at: number;
  author: { type: string; id: string; name?: string | null; email?: string | null };
  attachments: Array<{ type: 'upload'; name: string; url: string; content_type: string; filesize: number }>;
  skip_notifications?: boolean;
}

export interface Violation {
  kind: 'request' | 'response';
  method: string;
  path: string;
  status?: number;
  errors: string[];
}

export interface AttachmentFetch {
  url: string;
  ok: boolean;
  status?: number;
  error?: string;
  bytes?: number;
}

export interface EmulatorState {
  tokens: Set<string>;
  /** timezone: what GET /me says (Intercom: the app's region's zone); UTC unless a test sets one. */
  app: { id_code: string; name: string; region: string; timezone?: string };
  admins: Obj[];
  teams: Obj[];
  contacts: ContactStore;
  companies: Map<string, Obj>; // by Intercom id
  contactCompanies: Map<string, Set<string>>;
  tags: Map<string, Obj>;
  taggings: Taggings;
  dataAttributes: Obj[];
  conversationAttributes: Obj[];
  conversations: Map<string, Obj & { parts: Part[]; contactIds: string[] }>;
  ticketTypes: Map<string, Obj & { attributes: Obj[] }>;
  ticketStates: Obj[];
  tickets: Map<string, Obj & { parts: Part[]; contactIds: string[]; tagIds: string[] }>;
  helpCenters: Obj[];
  collections: Map<string, Obj>;
  articles: Map<string, Obj>;
  /** Help-center redirects by id (2.16 help_center_redirect). */
  redirects: Map<string, Obj>;
  oauthCodes: Map<string, string>; // code -> token it yields
  violations: Violation[];
  unsilencedWrites: Array<{ method: string; path: string }>;
  attachmentFetches: AttachmentFetch[];
  /** 0: attachment URLs are fetched before the write is answered; else this many ms after. */
  attachmentFetchDelayMs: number;
  /** Delayed fetches not finished yet. */
  attachmentFetchesPending: number;
  /** How long after a write an object shows in search (Intercom's index lags writes). */
  searchLagMs: number;
  /** When each written object became (or becomes) searchable, ms since the epoch. */
  searchableAt: WeakMap<object, number>;
  requests: Array<{ method: string; path: string; status: number }>;
}

let seq = 1000;
export const nextId = (): string => String(++seq);
export const hexId = (): string => randomBytes(12).toString('hex');
export const now = (): number => Math.floor(Date.now() / 1000);

export function createState(o: { accessToken: string; workspaceId: string; region: string }): EmulatorState {
  const states = [
    ['submitted', 'Submitted'],
    ['in_progress', 'In progress'],
    ['waiting_on_customer', 'Waiting on customer'],
    ['resolved', 'Resolved'],
  ].map(([category, label]) => ({
    type: 'ticket_state',
    id: nextId(),
    category,
    internal_label: label,
    external_label: label,
  }));
  const admin = (name: string, email: string) => ({
    type: 'admin',
    id: nextId(),
    name,
    email,
    job_title: 'Support',
    away_mode_enabled: false,
    away_mode_reassign: false,
    has_inbox_seat: true,
    team_ids: [] as number[],
  });
  const admins = [admin('Ada Admin', 'ada@example.test'), admin('Ben Agent', 'ben@example.test')];
  const team = { type: 'team', id: nextId(), name: 'Support', admin_ids: admins.map((a) => Number(a.id)) };
  for (const a of admins) a.team_ids = [Number(team.id)];
  return {
    tokens: new Set([o.accessToken]),
    app: { id_code: o.workspaceId, name: 'Emulated workspace', region: o.region },
    admins,
    teams: [team],
    contacts: new ContactStore(),
    companies: new Map(),
    contactCompanies: new Map(),
    tags: new Map(),
    taggings: new Taggings(),
    dataAttributes: [],
    conversationAttributes: [],
    conversations: new Map(),
    ticketTypes: new Map(),
    ticketStates: states,
    tickets: new Map(),
    helpCenters: [
      {
        id: nextId(),
        workspace_id: o.workspaceId,
        created_at: now(),
        updated_at: now(),
        identifier: 'help',
        website_turned_on: false,
        display_name: 'Help Center',
        // 2.16 help_center.url: the custom domain's address when one is set (a test sets both).
        url: 'http://intercom.test/help',
        custom_domain: null,
      },
    ],
    collections: new Map(),
    articles: new Map(),
    redirects: new Map(),
    oauthCodes: new Map(),
    violations: [],
    unsilencedWrites: [],
    attachmentFetches: [],
    attachmentFetchDelayMs: 0,
    attachmentFetchesPending: 0,
    searchLagMs: 0,
    searchableAt: new WeakMap(),
    requests: [],
  };
}

/** Records a write: the object shows in search only `searchLagMs` later (the first write's lag counts). */
export function indexLater(state: EmulatorState, o: object): void {
  if (!state.searchableAt.has(o)) state.searchableAt.set(o, Date.now() + state.searchLagMs);
}

/** Drops null fields: 2.16 types most fields as plain (non-nullable) values, so unset ones are left out. */
export const withoutNulls = (o: Obj): Obj =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
