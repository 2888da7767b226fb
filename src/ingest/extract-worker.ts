// An extraction worker thread (see extract-pool.ts): answers each { id, content, options } with the
// extracted documents, or with the error that the same call on the main thread would have thrown.
import { parentPort } from "node:worker_threads";
import { extractInput } from "./extract-input";
import type { ExtractRequest, ExtractReply } from "./extract-pool";
import { isIngestInputError } from "./ingest-errors";

parentPort!.on("message", ({ id, content, options }: ExtractRequest) => {
  let reply: ExtractReply;
  try {
    reply = { id, docs: extractInput(content, options) };
  } catch (err) {
    reply = isIngestInputError(err)
      ? { id, error: { input: { code: err.code, reason: err.reason, path: err.path } } }
      : { id, error: { message: err instanceof Error ? err.message : String(err) } };
  }
  parentPort!.postMessage(reply);
});
// Loaded and listening: the pool starts a job's time budget from here, so a cold start does not count.
parentPort!.postMessage({ ready: true });
