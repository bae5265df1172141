import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/**
 * The OpenAPI document as the bundle of `GET /openapi.json` carries it (bundleFiles,
 * lib/constructs/bundle-aliases.ts): its JSON compressed with Brotli at the highest quality, in a data file next to
 * the bundle. About 1 MB of JSON becomes about 47 KB, which the function ships instead of every route's schemas and
 * the examples. Brotli rather than gzip: about two thirds of gzip's size for the same time to unpack, and the slow
 * compression happens once, when the function is bundled. Node.js has both built in.
 */
export function packDocument(document: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(document), 'utf8');
  return brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
}

/** The document packDocument packed, as parsed JSON. */
export function unpackDocument(packed: Uint8Array): unknown {
  return JSON.parse(brotliDecompressSync(packed).toString('utf8'));
}
