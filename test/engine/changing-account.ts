// A sample account a test can change after a run, as a help desk changes between a full run and a delta:
// comments appended, a ticket's subject and status changed, a ticket added. The emulator reads the account
// through the same interface, so after `reindex()` it serves the changes (with their new updated_at).
import type { Comment, Contact, Ticket } from '../../src/model/canonical.js';
import type { SampleAccount } from '../../src/sandbox/sample-account/index.js';

export interface ChangingAccount extends SampleAccount {
  /** Appends a public end-user comment (by the requester) to ticket `index`; returns its id. */
  addComment(index: number, text: string): string;
  /** Changes a ticket's fields (updated_at becomes now). */
  changeTicket(
    index: number,
    change: Partial<Pick<Ticket, 'subject' | 'status' | 'priority' | 'tags'>>,
  ): void;
  /** Deletes a ticket (Freshdesk then lists it only under filter=deleted). */
  deleteTicket(index: number): void;
  /** Adds a ticket copied from ticket `like` (new ids, created now); returns its id. */
  addTicket(like: number, subject: string): string;
  /** Adds an end user (created now, no company); returns their id. */
  addContact(name: string, email: string): string;
}

export function changingAccount(base: SampleAccount): ChangingAccount {
  const size = { ...base.size };
  const ticketChanges = new Map<number, Partial<Ticket>>();
  const addedComments = new Map<number, Comment[]>();
  const deleted = new Set<number>();
  const added = new Map<number, { like: number; ticket: Ticket; comments: Comment[] }>();
  const addedContacts = new Map<number, Contact>();
  // Numeric ids far above the sample's own (Freshdesk renders ids as numbers).
  let nextId = 900_000_000;
  const stamp = (): string => new Date(Date.now() + (nextId % 1000)).toISOString();

  const ticket = (i: number): Ticket => {
    const extra = added.get(i);
    const t = extra ? extra.ticket : base.ticket(i);
    return { ...t, ...ticketChanges.get(i) };
  };
  const comments = (i: number): Comment[] => {
    const extra = added.get(i);
    return [...(extra ? extra.comments : base.comments(i)), ...(addedComments.get(i) ?? [])];
  };

  return {
    ...base,
    size,
    ticket,
    comments,
    contact: (i) => addedContacts.get(i) ?? base.contact(i),
    commentCount: (i) => comments(i).length,
    ticketEvents: (i) => base.ticketEvents(added.get(i)?.like ?? i),
    addComment(index, text) {
      const t = ticket(index);
      const id = String(++nextId);
      const comment: Comment = {
        id,
        ticketId: t.id,
        authorId: t.requesterId,
        authorRole: 'end-user',
        public: true,
        html: `<p>${text}</p>`,
        plain: text,
        createdAt: stamp(),
        attachments: [],
        ccEmails: [],
      };
      addedComments.set(index, [...(addedComments.get(index) ?? []), comment]);
      ticketChanges.set(index, { ...ticketChanges.get(index), updatedAt: stamp() });
      return id;
    },
    changeTicket(index, change) {
      ticketChanges.set(index, { ...ticketChanges.get(index), ...change, updatedAt: stamp() });
    },
    addTicket(like, subject) {
      const index = size.tickets;
      const id = String(index + 1);
      const at = stamp();
      const source = base.ticket(like);
      const newTicket: Ticket = { ...source, id, number: id, subject, createdAt: at, updatedAt: at };
      const copied = base.comments(like).map((c) => ({
        ...c,
        id: String(++nextId),
        ticketId: id,
        createdAt: stamp(),
        attachments: [],
      }));
      added.set(index, { like, ticket: newTicket, comments: copied });
      size.tickets += 1;
      return id;
    },
    addContact(name, email) {
      const index = size.contacts;
      const at = stamp();
      const id = String(++nextId);
      addedContacts.set(index, {
        ...base.contact(0),
        id,
        name,
        email,
        phone: null,
        companyIds: [],
        tags: [],
        active: true,
        deleted: false,
        createdAt: at,
        updatedAt: at,
      });
      size.contacts += 1;
      return id;
    },
    deleteTicket(index) {
      deleted.add(index);
      ticketChanges.set(index, { ...ticketChanges.get(index), status: 'deleted', updatedAt: stamp() });
    },
    deletedTicketIndexes: () =>
      [...new Set([...base.deletedTicketIndexes(), ...deleted])].sort((a, b) => a - b),
  };
}
