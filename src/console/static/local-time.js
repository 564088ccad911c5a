// Shows each <time data-local> in the browser's own time zone and language (the server wrote it in UTC).
/* global document */
for (const el of document.querySelectorAll('time[data-local]')) {
  const at = new Date(el.getAttribute('datetime'));
  if (!Number.isNaN(at.getTime()))
    el.textContent = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(at);
}
