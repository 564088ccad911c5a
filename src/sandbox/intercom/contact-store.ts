// The emulator's contacts by id, with lookups by email and external_id that do not scan every contact:
// each create checks for a duplicate and each ticket create finds its contact, so a scan made a
// 100,000-ticket run slow down fourfold as the workspace filled.
import type { Obj } from './state.js';

type Key = 'email' | 'external_id';
const KEYS: Key[] = ['email', 'external_id'];

export class ContactStore extends Map<string, Obj> {
  /** "field:value" → ids of the contacts that had that value when last set. */
  private readonly ids = new Map<string, Set<string>>();

  /** Stores (or, after an in-place update, re-stores) the contact and indexes its email and external_id. */
  override set(id: string, contact: Obj): this {
    this.unindex(id);
    super.set(id, contact);
    for (const k of KEYS) {
      const v = contact[k];
      if (typeof v !== 'string' || v === '') continue;
      const ids = this.ids.get(`${k}:${v}`) ?? new Set<string>();
      this.ids.set(`${k}:${v}`, ids.add(id));
    }
    return this;
  }

  override delete(id: string): boolean {
    this.unindex(id);
    return super.delete(id);
  }

  override clear(): void {
    this.ids.clear();
    super.clear();
  }

  /** The contacts whose `field` is `value` now (an in-place update left its old entry: checked here). */
  withValue(field: Key, value: unknown): Obj[] {
    if (typeof value !== 'string' || value === '') return [];
    const ids = [...(this.ids.get(`${field}:${value}`) ?? [])];
    return ids.map((id) => this.get(id)).filter((c): c is Obj => c !== undefined && c[field] === value);
  }

  private unindex(id: string): void {
    const old = this.get(id);
    if (!old) return;
    for (const k of KEYS) this.ids.get(`${k}:${String(old[k])}`)?.delete(id);
  }
}
