import { describe, expect, it } from "vitest";
import { checkKeyForm, quotaText, withQuotaPeriod } from "./restriction-form";

const formOf = (entries: [string, string][]) => {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
};
const entriesOf = (form: FormData) => [...form.entries()];

describe("the restriction fields of the key dialogs", () => {
  it("shows a quota with its period, in words, and no quota as None", () => {
    expect(quotaText(1000, "day")).toBe("1,000 requests per day");
    expect(quotaText(1, "month")).toBe("1 request per month");
    expect(quotaText(null, null)).toBe("None");
    expect(quotaText(5, null)).toBe("None");
  });

  it("refuses letters or zero in Quota and Rate limit before submitting, and lets empty fields through", () => {
    expect(checkKeyForm(formOf([["quota", "abc"]]))?.quota?.[0]).toMatch(/whole number/);
    expect(checkKeyForm(formOf([["quota", "0"]]))?.quota?.[0]).toMatch(/at least 1/);
    expect(
      checkKeyForm(
        formOf([
          ["rateLimit", "1e3"],
          ["quota", "x"],
        ]),
      ),
    ).toEqual({ rateLimit: [expect.any(String)], quota: [expect.any(String)] });
    expect(
      checkKeyForm(
        formOf([
          ["quota", ""],
          ["rateLimit", ""],
        ]),
      ),
    ).toBeUndefined();
    expect(checkKeyForm(formOf([["quota", " 2000 "]]))).toBeUndefined();
    expect(checkKeyForm(formOf([["name", "no numbers here"]]))).toBeUndefined();
  });

  it("sends the quota period with a changed quota, and the quota with a changed period, on an edit", () => {
    const form = formOf([
      ["id", "k1"],
      ["quota", "50"],
      ["quotaPeriod", "month"],
      ["allowedIps", "10.0.0.0/8"],
    ]);
    const onlyQuota = withQuotaPeriod(() =>
      formOf([
        ["id", "k1"],
        ["quota", "50"],
      ]),
    );
    expect(entriesOf(onlyQuota(form))).toEqual([
      ["id", "k1"],
      ["quota", "50"],
      ["quotaPeriod", "month"],
    ]);
    const onlyPeriod = withQuotaPeriod(() =>
      formOf([
        ["id", "k1"],
        ["quotaPeriod", "month"],
      ]),
    );
    expect(entriesOf(onlyPeriod(form))).toEqual([
      ["id", "k1"],
      ["quotaPeriod", "month"],
      ["quota", "50"],
    ]);
  });

  it("leaves an edit that changes neither quota nor period without them", () => {
    const form = formOf([
      ["id", "k1"],
      ["quota", "50"],
      ["quotaPeriod", "day"],
      ["ipReportOnly", "on"],
    ]);
    const sent = withQuotaPeriod(() =>
      formOf([
        ["id", "k1"],
        ["ipReportOnly", "on"],
      ]),
    )(form);
    expect(entriesOf(sent)).toEqual([
      ["id", "k1"],
      ["ipReportOnly", "on"],
    ]);
  });
});
