// transform/: pure mapping from the canonical model + settings + resolved reference data to Intercom 2.16
// request bodies. No I/O: the engine fetches, writes and records; these functions only decide.
export * from './intercom-bodies.js';
export * from './reference.js';
export * from './source-ref.js';
export * from './field-value.js';
export * from './custom-attributes.js';
export * from './attribute-definitions.js';
export * from './phone.js';
export * from './to-contact.js';
export * from './to-company.js';
export * from './matching.js';
export * from './author.js';
export * from './html.js';
export * from './attachments.js';
export * from './to-reply.js';
export * from './to-notes.js';
export * from './to-ticket.js';
export * from './to-ticket-parts.js';
export * from './to-conversation.js';
export * from './tags.js';
export * from './filters.js';
export * from './to-article.js';
export * from './content-hash.js';
