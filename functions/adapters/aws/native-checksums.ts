import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { Checksum, SourceData } from '@smithy/types';

/**
 * What the Lambda bundles use instead of `@smithy/core/checksum` (the bundler aliases it to this module;
 * lib/constructs/bundle-aliases.ts). The clients the functions use take one thing from it, the SHA-256 that signs
 * every request; the package also holds a pure-JavaScript SHA-256, CRC32 and MD5 for runtimes without native
 * crypto, and stream hashers for uploads. Lambda's Node.js has node:crypto, so this is SHA-256 (and HMAC-SHA-256,
 * given a secret) on it alone. test/infra/bundle-aliases.test.ts checks a bundled client's signatures against
 * the SDK's own signer.
 */
export class Sha256 implements Checksum {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.start();
  }

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    // A plain hash is read from a copy, so that it may go on taking data, as the interface allows.
    const digest = 'copy' in this.hash ? this.hash.copy().digest() : this.hash.digest();
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }

  reset(): void {
    this.hash = this.start();
  }

  private start(): Hash | Hmac {
    if (!this.secret) return createHash('sha256');
    return createHmac('sha256', typeof this.secret === 'string' ? this.secret : bytesOf(this.secret));
  }
}

const bytesOf = (data: ArrayBuffer | ArrayBufferView): Uint8Array =>
  ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
