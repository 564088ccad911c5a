// Which tags are on which objects, kept by object: a contact's or ticket's view reads its own tags without
// scanning every tagging in the workspace (a 100,000-ticket run makes hundreds of thousands of them).
export type TaggedType = 'contact' | 'company' | 'conversation' | 'ticket';

export interface Tagging {
  tagId: string;
  objectType: TaggedType;
  objectId: string;
}

export class Taggings {
  /** "type:id" → the object's tag ids, in the order they were put on. */
  private readonly byObject = new Map<string, Set<string>>();

  private tagsOf(objectType: TaggedType, objectId: string): Set<string> | undefined {
    return this.byObject.get(`${objectType}:${objectId}`);
  }

  /** Puts the tag on the object; false when it was already there. */
  add(tagId: string, objectType: TaggedType, objectId: string): boolean {
    const key = `${objectType}:${objectId}`;
    const tags = this.byObject.get(key) ?? new Set<string>();
    if (tags.has(tagId)) return false;
    this.byObject.set(key, tags.add(tagId));
    return true;
  }

  /** Takes the tag off the object; false when it was not there. */
  remove(tagId: string, objectType: TaggedType, objectId: string): boolean {
    return this.tagsOf(objectType, objectId)?.delete(tagId) ?? false;
  }

  /** The object was deleted: its tags go with it. */
  removeObject(objectType: TaggedType, objectId: string): void {
    this.byObject.delete(`${objectType}:${objectId}`);
  }

  /** The tag was deleted: it comes off everything (rare, so a scan is fine). */
  removeTag(tagId: string): void {
    for (const tags of this.byObject.values()) tags.delete(tagId);
  }

  tagIdsOf(objectType: TaggedType, objectId: string): string[] {
    return [...(this.tagsOf(objectType, objectId) ?? [])];
  }

  /** Every tagging (tests read them). */
  all(): Tagging[] {
    return [...this.byObject].flatMap(([key, tags]) => {
      const at = key.indexOf(':');
      const objectType = key.slice(0, at) as TaggedType;
      return [...tags].map((tagId) => ({ tagId, objectType, objectId: key.slice(at + 1) }));
    });
  }
}
