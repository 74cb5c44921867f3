import { describe, expect, it } from "vitest";
import { auditCsvLine, auditCsvStream, csvCell, csvLine } from "./csv";
import type { AuditEntryDto } from "./queries";

const entry = (over: Partial<AuditEntryDto> = {}): AuditEntryDto => ({
  id: "a1",
  createdAt: "2025-01-01T10:00:00.000Z",
  action: "key.created",
  actor: { type: "user", id: "u1", label: "ada@example.com" },
  target: { type: "api_key", id: "k1", label: "Backend" },
  ip: "203.0.113.9",
  userAgent: "vitest",
  changes: { name: "Backend" },
  ...over,
});

describe("csvCell", () => {
  it("leaves plain text alone and writes null as an empty cell", () => {
    expect(csvCell("key.created")).toBe("key.created");
    expect(csvCell("2001:db8::1")).toBe("2001:db8::1");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes cells with commas, quotes or line breaks and doubles the quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it("defuses every cell a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1+1`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csvCell("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
    expect(csvCell("-2+3,4")).toBe(`"'-2+3,4"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("ends every line with CRLF", () => {
    expect(csvLine(["a", null, "b,c"])).toBe('a,,"b,c"\r\n');
  });
});

describe("the audit CSV", () => {
  it("writes one entry per line with its changes as JSON", () => {
    expect(auditCsvLine(entry())).toBe('2025-01-01T10:00:00.000Z,user,u1,ada@example.com,key.created,api_key,k1,Backend,203.0.113.9,vitest,"{""name"":""Backend""}"\r\n');
    expect(auditCsvLine(entry({ target: null, changes: null, ip: null }))).toBe("2025-01-01T10:00:00.000Z,user,u1,ada@example.com,key.created,,,,,vitest,\r\n");
  });

  it("streams a UTF-8 byte-order mark, the header, then the entries", async () => {
    async function* two() {
      yield entry({ id: "a2" });
      yield entry({ id: "a1", actor: { type: "key", id: "k9", label: "=cmd|' /C calc'!A0" } });
    }
    const bytes = new Uint8Array(await new Response(auditCsvStream(two())).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n"); // the decoder drops the mark
    expect(lines[0]).toBe("Time,Actor type,Actor ID,Actor,Action,Target type,Target ID,Target,IP,User agent,Details");
    expect(lines).toHaveLength(4); // header, two entries, the empty string after the last CRLF
    expect(lines[2]).toContain(",key,k9,'=cmd|' /C calc'!A0,");
  });
});
