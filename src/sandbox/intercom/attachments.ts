// Intercom fetches every attachment URL it is given; so does the emulator, recording what failed. Only
// loopback hosts are fetched (tests never leave 127.0.0.1); anything else is recorded as refused. With
// attachmentFetchDelayMs the write is answered first and the files fetched that much later (filled into the
// part when they arrive), as a service that fetches in the background would: the link must outlive the
// process that wrote the part.
import type { AttachmentFetch, EmulatorState, Part } from './state.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function fetchAttachments(
  state: EmulatorState,
  urls: string[] | undefined,
  timeoutMs: number,
  out: Part['attachments'] = [],
): Promise<Part['attachments']> {
  if (state.attachmentFetchDelayMs > 0 && urls && urls.length > 0) {
    state.attachmentFetchesPending += 1;
    setTimeout(() => {
      void fetchAll(state, urls, timeoutMs, out).finally(() => (state.attachmentFetchesPending -= 1));
    }, state.attachmentFetchDelayMs);
    return out;
  }
  await fetchAll(state, urls ?? [], timeoutMs, out);
  return out;
}

async function fetchAll(
  state: EmulatorState,
  urls: string[],
  timeoutMs: number,
  out: Part['attachments'],
): Promise<void> {
  for (const url of urls) {
    const record: AttachmentFetch = { url, ok: false };
    try {
      const u = new URL(url);
      if (!LOOPBACK.has(u.hostname)) throw new Error(`refused: ${u.hostname} is not a loopback host`);
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
      record.status = res.status;
      const bytes = Buffer.from(await res.arrayBuffer());
      record.bytes = bytes.length;
      record.ok = res.ok;
      if (!res.ok) record.error = `HTTP ${res.status}`;
      else
        out.push({
          type: 'upload',
          name: decodeURIComponent(u.pathname.split('/').pop() || 'file'),
          url,
          content_type: res.headers.get('content-type') ?? 'application/octet-stream',
          filesize: bytes.length,
        });
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    }
    state.attachmentFetches.push(record);
  }
}

export function uploadedFiles(
  files: Array<{ content_type: string; data: string; name: string }> | undefined,
): Part['attachments'] {
  return (files ?? []).map((f) => ({
    type: 'upload',
    name: f.name,
    url: `https://downloads.intercomcdn.test/${encodeURIComponent(f.name)}`,
    content_type: f.content_type,
    filesize: Buffer.from(f.data, 'base64').length,
  }));
}
