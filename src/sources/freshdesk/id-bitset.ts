// A compact set of numeric ticket ids (one bit each), so "which ids have we already seen" stays a few KB at
// 100k tickets and fits in a cursor.
export class IdBitset {
  private bytes: Uint8Array;
  constructor(bytes?: Uint8Array) {
    this.bytes = bytes ?? new Uint8Array(1024);
  }
  static fromBase64(text: string | undefined): IdBitset {
    return new IdBitset(text ? new Uint8Array(Buffer.from(text, 'base64')) : undefined);
  }
  add(id: number): void {
    if (!Number.isSafeInteger(id) || id < 0) return;
    const byte = id >> 3;
    if (byte >= this.bytes.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[byte]! |= 1 << (id & 7);
  }
  has(id: number): boolean {
    const byte = id >> 3;
    return byte < this.bytes.length && (this.bytes[byte]! & (1 << (id & 7))) !== 0;
  }
  toBase64(): string {
    let end = this.bytes.length;
    while (end > 0 && this.bytes[end - 1] === 0) end--;
    return Buffer.from(this.bytes.subarray(0, end)).toString('base64');
  }
}
