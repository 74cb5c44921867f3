import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// AES-256-GCM for keys that may be revealed again (publishable keys, opted-in secret keys).
// The data key is derived from LATCHKEY_SECRET; the stored form is "v1.<iv>.<tag>.<ciphertext>".

function dataKey(secret = process.env.LATCHKEY_SECRET): Buffer {
  if (!secret || secret.length < 32) throw new Error("LATCHKEY_SECRET must be set (at least 32 characters)");
  return createHash("sha256").update(`latchkey:secret-box:v1:${secret}`).digest();
}

export function seal(plaintext: string, secret?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", dataKey(secret), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function open(sealed: string, secret?: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("unreadable sealed value");
  const authTag = Buffer.from(tag, "base64url");
  if (authTag.length !== 16) throw new Error("unreadable sealed value");
  const decipher = createDecipheriv("aes-256-gcm", dataKey(secret), Buffer.from(iv, "base64url"), { authTagLength: 16 });
  decipher.setAuthTag(authTag);
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
