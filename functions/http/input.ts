import type { Localized } from '#kernel/messages.js';
import type { FieldProblem } from '#kernel/errors.js';
import { isStorableNumber, UNSTORABLE_NUMBER } from '#kernel/storable-number.js';

/**
 * What every body must be before a schema looks at it, whatever the route: JSON without repeated keys, text
 * without control characters, numbers that DynamoDB can store. Checked here once, so that no handler's input can
 * reach a 5xx at the store (a number like 5e-324 or 9007199254740993 made the SDK or DynamoDB throw) and no
 * key silently overrides another ({"available": 0, "available": 9}).
 */

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. Line breaks stay: texts may be multi-line. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Characters that show nothing: white space, zero-width spaces and joiners, the byte-order mark, soft hyphens,
 * bidirectional marks. A text made only of them is empty, whatever its length.
 */
const INVISIBLE_ONLY =
  /^[\s\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]+$/u;

const TEXT = {
  duplicate: (key: string): Localized => ({
    es: `la clave "${key}" está repetida en el mismo objeto`,
    en: `the key "${key}" is repeated in the same object`,
  }),
  control: {
    es: 'contiene caracteres de control (solo se permiten saltos de línea y tabuladores)',
    en: 'contains control characters (only line breaks and tabs are allowed)',
  },
} satisfies Record<string, Localized | ((key: string) => Localized)>;

/**
 * Finds the first key repeated within one JSON object of `text` (already known to parse), in one pass. Returns the
 * dotted path of the object and the key, or undefined.
 */
export function repeatedKey(text: string): { path: string; key: string } | undefined {
  // A stack of the objects and arrays being read: for objects the keys seen, for arrays the current index.
  const stack: ({ keys: Set<string>; key?: string } | { index: number })[] = [];
  const path = () =>
    stack
      .slice(0, -1)
      .map((frame) => ('keys' in frame ? (frame.key ?? '') : String(frame.index)))
      .join('.');
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (expectKey && top && 'keys' in top) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return { path: path(), key };
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = end;
    } else if (c === '{') {
      stack.push({ keys: new Set() });
      expectKey = true;
    } else if (c === '[') {
      stack.push({ index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ':') {
      expectKey = false;
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top && 'keys' in top) expectKey = true;
      else if (top) top.index++;
    }
  }
  return undefined;
}

/**
 * Walks a parsed body: refuses control characters and numbers DynamoDB cannot store, and turns texts made only of
 * invisible characters into '' so that a schema's "required" or minimum length sees them as the empty texts they
 * are. Returns the cleaned value and every problem found, each at its dotted path.
 */
export function cleanBody(value: unknown): { value: unknown; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const walk = (node: unknown, at: string): unknown => {
    if (typeof node === 'string') {
      if (CONTROL.test(node)) problems.push({ field: at || 'body', problem: TEXT.control });
      return node !== '' && INVISIBLE_ONLY.test(node) ? '' : node;
    }
    if (typeof node === 'number') {
      if (!isStorableNumber(node)) problems.push({ field: at || 'body', problem: UNSTORABLE_NUMBER });
      return node;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, at ? `${at}.${i}` : String(i)));
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node)) {
        if (CONTROL.test(key)) problems.push({ field: at ? `${at}.${key}` : key, problem: TEXT.control });
        Object.defineProperty(out, key, {
          value: walk(item, at ? `${at}.${key}` : key),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return node;
  };
  return { value: walk(value, ''), problems };
}

export const repeatedKeyProblem = (found: { path: string; key: string }): FieldProblem => ({
  field: found.path ? `${found.path}.${found.key}` : found.key,
  problem: TEXT.duplicate(found.key),
});
