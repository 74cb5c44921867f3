import { ApiError } from "./errors";

/** The query parameters a route accepts (SPEC §7: any other is 422), or "any" where none is read (a 404, a 405). */
export type QueryNames = readonly string[] | "any";

/** 422 validation_failed naming each unknown or repeated query parameter, like unknown body fields. */
export function refuseUnknownQuery(url: URL, accepted: QueryNames): void {
  if (accepted === "any") return;
  const names = [...url.searchParams.keys()];
  const issues = [...new Set(names)].flatMap((name) => {
    if (!accepted.includes(name)) return [{ path: name, message: `Unknown query parameter "${name}".` }];
    if (names.indexOf(name) !== names.lastIndexOf(name)) return [{ path: name, message: `${name} is given more than once.` }];
    return [];
  });
  if (issues.length) throw new ApiError("validation_failed", "The query parameters are not valid.", { issues });
}
