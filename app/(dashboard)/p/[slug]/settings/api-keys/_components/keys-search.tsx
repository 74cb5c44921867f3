import { inputClass } from "@/components/ui/field";

/** A plain GET form: the search runs on the server and the URL can be shared. */
export function KeysSearch({ query }: { query: string }) {
  return (
    <form role="search" method="get" className="flex max-w-sm gap-2">
      <label htmlFor="key-search" className="sr-only">
        Search keys by name
      </label>
      <input id="key-search" name="q" type="search" defaultValue={query} placeholder="Search by name…" maxLength={100} className={inputClass} />
      <button type="submit" className="rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-700 shadow-sm hover:bg-zinc-50">
        Search
      </button>
    </form>
  );
}
