// Reading one cookie from the Cookie header (Ferry sets only a few, so no parser library is needed).
import type { Request } from 'express';

export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** PUBLIC_URL's path prefix (no trailing slash), under which Ferry's cookies live. */
export const basePath = (publicUrl: string): string => new URL(publicUrl).pathname.replace(/\/+$/, '');
