// What every server action returns (STYLE §6): results, not exceptions.
export type ActionError = { code: string; message: string; fieldErrors?: Record<string, string[]> };
export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: ActionError };
