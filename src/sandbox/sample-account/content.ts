// Text pools for the sample account: names, subjects and comment bodies, hard cases included (rich HTML,
// unicode, umlauts, emoji, hostile markup). Pure data plus tiny helpers.
import type { Rng } from './prng.js';

export const FIRST_NAMES = [
  'Anna',
  'Jürgen',
  'Zoë',
  'François',
  'Søren',
  'Maria',
  'Łukasz',
  'Chloé',
  'José',
  'Ingrid',
  'Mei',
  'Hiroshi',
  'Aaliyah',
  'Björn',
  'Noémie',
  'Olu',
  'Ramón',
  'Élodie',
  'Priya',
  'Dmitri',
] as const;
export const LAST_NAMES = [
  'Müller',
  'Schmidt',
  'Dubois',
  "O'Brien",
  'García',
  'Nakamura',
  'Kowalski',
  'Ødegaard',
  'Smith',
  'Nguyen',
  'Rossi',
  'Van der Berg',
  'Żurawski',
  'Öztürk',
  'Lefèvre',
  'Andersson',
] as const;
export const COMPANY_WORDS = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Müller & Söhne',
  'Café Crème',
  'Zürich Rück',
  'Ørsted Labs',
  '日本商事',
] as const;
export const COMPANY_SUFFIXES = ['GmbH', 'Inc.', 'SARL', 'Ltd', 'AG', 'BV', 'KK'] as const;
export const SUBJECTS = [
  'Cannot log in to my account',
  'Invoice #{n} looks wrong',
  'Rückerstattung für Bestellung {n}',
  'Problème de connexion à l’application',
  'Feature request: dark mode 🌙',
  'App crashes on startup (iOS 17)',
  'Where is my order {n}? 📦',
  'Passwort zurücksetzen funktioniert nicht',
  'Export to CSV is missing columns',
  'Billing question — VAT number',
  '<script>alert("subject")</script> weird subject',
  'Ticket with a very long subject line that goes on and on to test truncation in the target system {n}',
] as const;
export const TAG_POOL = [
  'billing',
  'login',
  'vip',
  'bug',
  'feature_request',
  'refund',
  'mobile',
  'ios',
  'android',
  'urgent_followup',
  'german',
  'french',
  'churn_risk',
  'onboarding',
] as const;
export const CHANNELS = ['email', 'web', 'api', 'chat', 'voice', 'mobile'] as const;

/** Comment bodies as HTML; each is a hard case an importer has to survive. */
const BODIES: readonly string[] = [
  '<p>Hello,</p><p>I can’t log in since yesterday. Could you help?</p><p>Thanks,<br>{name}</p>',
  '<p>Grüße aus München! Die Größe der Datei ist 5&nbsp;MB — ärgerlich. Straße, Öl, Übermaß.</p>',
  '<p>Merci beaucoup ! L’équipe a été très réactive. Ça marche à présent. 🎉🙏</p>',
  '<table><thead><tr><th>Item</th><th>Qty</th><th>Price</th></tr></thead><tbody><tr><td>Widget</td><td>2</td><td>€19.99</td></tr><tr><td>Gadget ☕</td><td>1</td><td>¥1,200</td></tr></tbody></table><p>See the table above.</p>',
  '<p>Emoji test: 😀 👍🏽 👨‍👩‍👧‍👦 🇩🇪 — and CJK: 日本語のテキスト, 한국어, 中文.</p>',
  '<p>Steps:</p><ol><li>Open <b>Settings</b></li><li>Click <a href="https://example.com/help">Help</a></li><li>Nothing happens</li></ol>',
  '<p>Hostile content follows.</p><script>alert("xss")</script><img src="x" onerror="alert(1)"><p>End.</p>',
  '<p>Private note: customer is on the <i>legacy plan</i>; escalate to Tier 2 if it persists.</p>',
  '<pre><code>Error: ECONNRESET\n    at TLSSocket.onConnectEnd (node:_tls_wrap:1)</code></pre>',
  '<p>Quoted reply:</p><blockquote><p>On Monday, {name} wrote: &lt;hi&gt; &amp; welcome</p></blockquote>',
  '<p>Right-to-left: مرحبا بك — שלום. Zero-width: a\u200bb. Combining: e\u0301.</p>',
  '<p>Plain and short.</p>',
];
export const HOSTILE_BODY_INDEX = 6;
export const RICH_BODY_COUNT = BODIES.length;

export function body(rng: Rng, name: string, which?: number): string {
  const template = which === undefined ? rng.pick(BODIES) : BODIES[which % BODIES.length]!;
  return template.replaceAll('{name}', escapeHtml(name));
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Plain text of a generated body: tags dropped (script contents included), entities decoded. */
export function plainOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/(p|li|tr|blockquote|pre)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replaceAll('&nbsp;', '\u00a0')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replace(/\n+/g, '\n')
    .trim();
}

// Slugs of the name pools are asked for on every record: remember them (bounded).
const slugs = new Map<string, string>();
export function slug(text: string): string {
  const known = slugs.get(text);
  if (known !== undefined) return known;
  const made = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
  if (slugs.size > 10_000) slugs.clear();
  slugs.set(text, made);
  return made;
}
