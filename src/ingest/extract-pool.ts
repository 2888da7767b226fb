// Extraction in worker threads. Extraction (parsing plus quote and speaker attribution) is about half of
// the Node CPU an ingested article costs; on the main thread it competes with the driver and the JSON of
// the store statements, so `ingest` into a server hands it to workers and keeps the main thread for storing.
// Each call gives the same result or the same coded error (IngestInputError) as `extractInput`.
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { ExtractOptions } from "./extract-input";
import { IngestInputError, type IngestErrorCode } from "./ingest-errors";
import type { ExtractedDocument } from "./types";

export interface ExtractRequest {
  id: number;
  content: string;
  options: ExtractOptions;
}

export type ExtractReply =
  | { id: number; docs: ExtractedDocument[]; error?: undefined }
  | { id: number; docs?: undefined; error: { input?: { code: IngestErrorCode; reason: string; path?: string }; message?: string } };

interface Pending {
  resolve: (docs: ExtractedDocument[]) => void;
  reject: (err: Error) => void;
}

export class ExtractPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private turn = 0;

  /** Starts `size` (≥ 1) worker threads; `close` them when done. */
  constructor(size: number) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const w = new Worker(join(__dirname, "extract-worker.js"));
      w.on("message", (reply: ExtractReply) => this.settle(reply));
      // A worker that dies fails what it was given; later calls go to the others or fail the same way.
      w.on("error", (err) => this.failAll(err));
      return w;
    });
  }

  /** Parses and extracts every article of one input in a worker thread. */
  extract(content: string, options: ExtractOptions = {}): Promise<ExtractedDocument[]> {
    const id = this.nextId++;
    const worker = this.workers[this.turn++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, content, options } satisfies ExtractRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.failAll(new Error("extraction pool closed"));
  }

  private settle(reply: ExtractReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (!reply.error) p.resolve(reply.docs);
    else if (reply.error.input) p.reject(new IngestInputError(reply.error.input.code, reply.error.input.reason, reply.error.input.path));
    else p.reject(new Error(reply.error.message));
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
