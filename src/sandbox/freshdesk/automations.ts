// Freshdesk's automation rules with a "Trigger webhook" action, as far as live catch-up needs them. Freshdesk
// creates them in its admin screens (no API Ferry uses): a test plays the admin with add(). A ticket created
// or updated fires every rule, an unsigned POST of the rule's body with {{ticket.id}} filled in
// (support.freshdesk.com: webhooks "triggered via the automation rules that run on ticket creation and rules
// that run on ticket updates").
export interface FreshdeskAutomations {
  /** The admin's rule: POST `body` (a template) to `url` on every ticket creation and update. */
  add(url: string, body: string): void;
  /** Fires the rules for a changed ticket; resolves with the HTTP statuses once all were answered. */
  deliver(ticketId: string): Promise<number[]>;
  /** Rules that exist (a test checks the admin's instructions were followed, or that they were removed). */
  count(): number;
  clear(): void;
}

export function freshdeskAutomations(): FreshdeskAutomations {
  const rules: { url: string; body: string }[] = [];
  return {
    add: (url, body) => {
      rules.push({ url, body });
    },
    async deliver(ticketId) {
      return Promise.all(
        rules.map(async (rule) => {
          const res = await fetch(rule.url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: rule.body.replaceAll('{{ticket.id}}', ticketId),
          });
          await res.arrayBuffer();
          return res.status;
        }),
      );
    },
    count: () => rules.length,
    clear: () => {
      rules.length = 0;
    },
  };
}
