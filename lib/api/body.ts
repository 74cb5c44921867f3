import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The request's raw body, read with a cap, 1 MiB unless `maxBytes` says less (a longer body is
 * refused as it streams, not after it has been buffered): 413 `payload_too_large`. No body reads
 * as zero bytes.
 */
export async function readBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The request's JSON body (see readBody for the cap). Empty or unparsable bodies are 400 `invalid_json`. */
export async function readJson(req: Request): Promise<unknown> {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(await readBody(req));
  if (!text.trim()) throw new ApiError("invalid_json", "Send a JSON body.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "The body is not valid JSON.");
  }
}

function tooLarge(maxBytes: number) {
  return new ApiError("payload_too_large", `The body is larger than ${maxBytes} bytes${maxBytes === MAX_BODY_BYTES ? " (1 MiB)" : ""}.`);
}
