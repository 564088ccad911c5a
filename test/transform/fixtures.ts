// Small builders of canonical records and reference data for the transform tests.
import type {
  Agent,
  Attachment,
  Comment,
  Company,
  Contact,
  FieldDefinition,
  Ticket,
} from '../../src/model/canonical.js';
import { parseSettings, type MigrationSettingsInput } from '../../src/settings/settings.js';
import type { IdLookups, ReferenceData } from '../../src/transform/reference.js';

export const T0 = '2021-03-04T05:06:07Z';
export const T0_SECONDS = 1614834367;

export function contact(over: Partial<Contact> = {}): Contact {
  return {
    id: '501',
    name: 'Jürgen Müller',
    email: 'Juergen@Example.com',
    phone: null,
    companyIds: [],
    role: 'end-user',
    active: true,
    deleted: false,
    tags: [],
    customFields: {},
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function company(over: Partial<Company> = {}): Company {
  return {
    id: '77',
    name: 'Acme GmbH',
    domains: ['acme.example'],
    tags: [],
    customFields: {},
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function agent(over: Partial<Agent> = {}): Agent {
  return {
    id: '9001',
    name: 'Alice Agent',
    email: 'alice@help.example',
    active: true,
    role: 'agent',
    groupIds: [],
    ...over,
  };
}

export function field(over: Partial<FieldDefinition> = {}): FieldDefinition {
  return {
    id: 'f1',
    scope: 'ticket',
    key: 'region',
    title: 'Region',
    type: 'text',
    rawType: 'text',
    options: [],
    active: true,
    system: false,
    ...over,
  };
}

export function attachment(n: number, over: Partial<Attachment> = {}): Attachment {
  return {
    id: `a${n}`,
    fileName: `file-${n}.pdf`,
    contentType: 'application/pdf',
    size: 1000,
    url: `https://acme.zendesk.example/attachments/${n}`,
    inline: false,
    inlineRef: null,
    ...over,
  };
}

export function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: '123',
    number: '123',
    subject: 'Drucker druckt nicht 🖨️',
    description: 'Hallo, der Drucker…',
    status: 'open',
    rawStatus: 'Open',
    priority: 'normal',
    type: null,
    requesterId: '501',
    submitterId: '501',
    assigneeId: null,
    groupId: null,
    companyId: null,
    tags: [],
    customFields: {},
    ccEmails: [],
    ccIds: [],
    followerIds: [],
    channel: 'email',
    archived: false,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function comment(over: Partial<Comment> = {}): Comment {
  return {
    id: 'c1',
    ticketId: '123',
    authorId: '501',
    authorRole: 'end-user',
    public: true,
    html: '<p>Hallo</p>',
    plain: 'Hallo',
    createdAt: T0,
    attachments: [],
    ccEmails: [],
    ...over,
  };
}

export function reference(
  settings: MigrationSettingsInput = {},
  over: Partial<Omit<ReferenceData, 'settings'>> = {},
): ReferenceData {
  const agents = [agent(), agent({ id: '9002', name: 'Bob Gone', email: 'bob@help.example', active: false })];
  return {
    platform: 'zendesk',
    settings: parseSettings(settings),
    agents: new Map(agents.map((a) => [a.id, a])),
    admins: [
      { id: '111', name: 'Alice', email: 'ALICE@help.example' },
      { id: '999', name: 'Fallback Admin', email: 'owner@help.example' },
    ],
    fallbackAdminId: '999',
    fields: [],
    ticketType: {
      id: '88',
      states: [
        { id: 's1', category: 'submitted', label: 'Submitted' },
        { id: 's2', category: 'in_progress', label: 'In progress' },
        { id: 's3', category: 'waiting_on_customer', label: 'Waiting on customer' },
        { id: 's4', category: 'resolved', label: 'Resolved' },
        { id: 's5', category: 'in_progress', label: 'On hold' },
      ],
      listItemIds: {},
    },
    ...over,
  };
}

/** Look-ups over a small table: source user id → Intercom contact id and person. */
export function lookups(
  table: Record<string, { contactId: string | null; name: string | null; email: string | null }> = {
    '501': { contactId: 'ic-501', name: 'Jürgen Müller', email: 'juergen@example.com' },
  },
): IdLookups {
  return {
    contactId: (id) => table[id]?.contactId ?? null,
    person: (id) => (table[id] ? { name: table[id].name, email: table[id].email } : null),
  };
}
