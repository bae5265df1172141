/** RFC 6901 JSON pointers into an HSDS document: written, compared, and tracked from SWCS's model back to it. */

/** A key as one token of a pointer. */
export const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => `/${escapeToken(String(key))}`).join('');
}

/** Document order: numeric tokens compared as numbers. */
export function comparePointers(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] ?? '';
    const q = y[i] ?? '';
    if (p === q) continue;
    const numeric = /^\d+$/.test(p) && /^\d+$/.test(q);
    return numeric ? Number(p) - Number(q) : p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** Whether the pointer is one of these, or inside one: each of its prefixes looked up once. */
export function withinAny(pointer: string, parents: ReadonlySet<string>): boolean {
  if (parents.has(pointer)) return true;
  for (let i = pointer.lastIndexOf('/'); i >= 0; i = pointer.lastIndexOf('/', i - 1)) {
    if (parents.has(pointer.slice(0, i))) return true;
    if (i === 0) break;
  }
  return false;
}

const modelPath = (path: readonly PropertyKey[], length: number) =>
  path.slice(0, length).map(String).join('/');

/** Where each value of one model object came from in the HSDS document, to point model errors there. */
export class Origins {
  private readonly map = new Map<string, string>();
  /** Model paths already reported while mapping, whose model errors would only repeat them. */
  readonly reported = new Set<string>();
  constructor(at: string) {
    this.map.set('', at);
  }
  set(path: string, pointer: string): void {
    this.map.set(path, pointer);
  }
  /** The pointer of the deepest part of a model path whose origin is known. */
  pointerOf(path: readonly PropertyKey[]): string {
    for (let i = path.length; i >= 0; i--) {
      const found = this.map.get(modelPath(path, i));
      if (found !== undefined) return found;
    }
    return '';
  }
  isReported(path: readonly PropertyKey[]): boolean {
    return path.some((_, i) => this.reported.has(modelPath(path, i + 1)));
  }
  /** A nested record at `base` (an officer, a location): its place, and its id's as its own origins hold it. */
  nest(base: string, at: string, own: Origins): void {
    this.set(base, at);
    this.set(`${base}/id`, own.pointerOf(['id']));
    if (own.reported.has('id')) this.reported.add(`${base}/id`);
  }
}
