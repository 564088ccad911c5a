// The plain HTML pages of the install flow (no scripts: the CSP allows only our own, and none is needed).
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** `body` is trusted markup; interpolate user or vendor values through escapeHtml. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Ferry</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
a.button{display:inline-block;padding:.5rem 1rem;background:#0057ff;color:#fff;border-radius:6px;text-decoration:none}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
}
