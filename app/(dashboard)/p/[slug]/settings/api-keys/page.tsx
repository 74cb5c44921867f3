import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/require-member";
import { memberMay } from "@/lib/members/rules";
import { countKeys, listKeys } from "@/lib/keys/queries";
import { keySearchSchema } from "@/lib/keys/schemas";
import { listChannels } from "@/lib/channels/queries";
import { Pagination } from "@/components/pagination";
import { CreateKeyButton, KeyDialogsProvider } from "./_components/key-dialogs";
import { KeysEmptyState } from "./_components/keys-empty-state";
import { KeysSearch } from "./_components/keys-search";
import { KeysTable } from "./_components/keys-table";
import { ManagedKeysTable } from "./_components/managed-keys-table";
import { RevealPolicy } from "./_components/reveal-policy";

export const metadata: Metadata = { title: "API Keys" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

export default async function ApiKeysPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { q, page } = await searchParams;
  const { project, role } = await requireMember(slug);
  const canManage = memberMay(role, "manages");
  // A search the database must not see (a control character) gets its message and no search.
  const search = keySearchSchema.safeParse(typeof q === "string" ? q : "");
  const query = search.success ? search.data : "";
  const searchError = search.success ? undefined : search.error.issues[0].message;
  const requested = Math.min(Math.max(1, Number.parseInt(String(page ?? "1"), 10) || 1), 100_000);
  const [list, channelRows] = await Promise.all([listKeys(project.id, { query, page: requested, secretsRevealable: memberMay(role, "revealsSecretKeys") && project.revealSecretKeys }), listChannels(project.id)]);
  const keyCount = query ? await countKeys(project.id) : list.total;
  const channels = channelRows.map(({ id, slug: s, name }) => ({ id, slug: s, name }));

  const content = (
    <div className="mx-auto max-w-6xl">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">API Keys</h1>
          <p className="mt-1 max-w-2xl text-sm text-zinc-600">
            Keys authenticate calls to <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs">/api/v1</code>. Give each
            integration its own key with the least role it needs.
          </p>
        </div>
        {canManage && keyCount > 0 && <CreateKeyButton />}
      </header>

      {!canManage && (
        <p className="mt-4 rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm text-zinc-600">
          You are a viewer in this project: you can see its keys but not change them.
        </p>
      )}

      <div className="mt-6">
        {keyCount === 0 ? (
          <KeysEmptyState canManage={canManage} />
        ) : (
          <>
            <div className="mb-4">
              <KeysSearch query={query} />
              {searchError && (
                <p role="alert" className="mt-2 text-sm text-red-700">
                  {searchError}
                </p>
              )}
            </div>
            {list.keys.length === 0 ? (
              <p className="rounded-lg border border-zinc-200 bg-white px-4 py-8 text-center text-sm text-zinc-600">
                {query ? `No keys match “${query}”.` : "There are no keys on this page."}
              </p>
            ) : canManage ? (
              <ManagedKeysTable keys={list.keys} projectSlug={project.slug} channels={channels} />
            ) : (
              <KeysTable keys={list.keys} projectSlug={project.slug} />
            )}
            <Pagination page={list.page} pageCount={list.pageCount} total={list.total} params={query ? { q: query } : {}} noun="key" />
          </>
        )}
      </div>
      <RevealPolicy projectSlug={project.slug} enabled={project.revealSecretKeys} canChange={memberMay(role, "setsSecurityPolicy")} />
    </div>
  );
  return canManage ? (
    <KeyDialogsProvider projectSlug={project.slug} channels={channels}>
      {content}
    </KeyDialogsProvider>
  ) : (
    content
  );
}
