// Extraction in worker threads. Extraction (parsing plus quote and speaker attribution) is about half of
// the Node CPU an ingested article costs, and a hostile page can make it cost much more: on the main
// thread it would stall every other request. The server's `ingestArticle` and `ingest` into a server
// hand it to workers and keep the main thread for answering and storing.
//
// Each job runs under a budget: inputs over `maxInputBytes` are refused before any work (INPUT_TOO_LARGE),
// a job running longer than `timeoutMs` (counted once its worker has loaded) has its worker terminated (EXTRACTION_TIMEOUT; a fresh worker
// takes its place), and each worker's heap is capped at `memoryMb` (EXTRACTION_FAILED when it runs out).
// Otherwise each call gives the same result or the same coded error (IngestInputError) as `extractInput`.
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

export interface ExtractBudget {
  /** Longest one input may take to extract, in milliseconds (0: no limit). */
  timeoutMs?: number;
  /** Largest input, in UTF-8 bytes (0: no limit). */
  maxInputBytes?: number;
  /** Heap of each worker thread, in MiB (0: Node's default). */
  memoryMb?: number;
}

interface Job {
  id: number;
  content: string;
  options: ExtractOptions;
  resolve: (docs: ExtractedDocument[]) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker | null;
  /** The worker has loaded its modules (its first message); the time budget starts only then. */
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

export class ExtractPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  /** A pool of `size` (≥ 1) worker threads, started on first use; `close` it when done. */
  constructor(
    size: number,
    private readonly budget: ExtractBudget = {},
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ worker: null, ready: false, job: null, timer: null }));
  }

  /** Parses and extracts every article of one input in a worker thread. */
  extract(content: string, options: ExtractOptions = {}): Promise<ExtractedDocument[]> {
    const max = this.budget.maxInputBytes ?? 0;
    if (max > 0 && Buffer.byteLength(content) > max) {
      return Promise.reject(new IngestInputError("INPUT_TOO_LARGE", `the input is larger than ${max} bytes`));
    }
    if (this.closed) return Promise.reject(new Error("extraction pool closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, content, options, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const err = new Error("extraction pool closed");
    for (const job of this.queue.splice(0)) job.reject(err);
    await Promise.all(
      this.slots.map(async (slot) => {
        const worker = slot.worker;
        this.finish(slot)?.reject(err);
        slot.worker = null;
        await worker?.terminate();
      }),
    );
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job || !this.queue.length) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      const worker = (slot.worker ??= this.spawn(slot));
      if (slot.ready) this.startBudget(slot);
      worker.postMessage({ id: job.id, content: job.content, options: job.options } satisfies ExtractRequest);
    }
  }

  private startBudget(slot: Slot): void {
    const timeout = this.budget.timeoutMs ?? 0;
    if (timeout > 0 && slot.job && !slot.timer) slot.timer = setTimeout(() => this.timedOut(slot), timeout);
  }

  private spawn(slot: Slot): Worker {
    slot.ready = false;
    const memoryMb = this.budget.memoryMb ?? 0;
    const worker = new Worker(join(__dirname, "extract-worker.js"), memoryMb > 0 ? { resourceLimits: { maxOldGenerationSizeMb: memoryMb } } : {});
    worker.on("message", (reply: ExtractReply | { ready: true }) => {
      if ("ready" in reply) {
        slot.ready = true;
        this.startBudget(slot);
        return;
      }
      if (slot.job?.id !== reply.id) return;
      const job = this.finish(slot)!;
      if (!reply.error) job.resolve(reply.docs);
      else if (reply.error.input) job.reject(new IngestInputError(reply.error.input.code, reply.error.input.reason, reply.error.input.path));
      else job.reject(new Error(reply.error.message));
      this.pump();
    });
    // A worker that dies (out of memory above all) fails its job with a coded error; a fresh one takes its place.
    const died = (err: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const reason = err.code === "ERR_WORKER_OUT_OF_MEMORY" ? "extraction ran out of memory" : `extraction failed (${err.message})`;
      this.finish(slot)?.reject(new IngestInputError("EXTRACTION_FAILED", reason));
      void worker.terminate();
      if (!this.closed) this.pump();
    };
    worker.on("error", died);
    worker.on("exit", (code) => died(new Error(`worker exited with ${code}`)));
    return worker;
  }

  private timedOut(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = null;
    this.finish(slot)?.reject(new IngestInputError("EXTRACTION_TIMEOUT", `extraction took longer than ${this.budget.timeoutMs} ms`));
    void worker?.terminate();
    this.pump();
  }

  /** Frees the slot and returns the job it held. */
  private finish(slot: Slot): Job | null {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    return job;
  }
}
