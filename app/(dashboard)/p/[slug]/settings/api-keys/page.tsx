import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/require-member";
import { memberMay } from "@/lib/members/rules";
import { countKeys, listKeys } from "@/lib/keys/queries";
import { KEY_SORTS, keyListHref, parseKeyListParams, sortHref, type KeySort } from "@/lib/keys/list-params";
import { listChannels } from "@/lib/channels/queries";
import { keyPolicy } from "@/lib/keys/policy-service";
import { Pagination } from "@/components/pagination";
import { CreateKeyButton, KeyDialogsProvider } from "./_components/key-dialogs";
import { KeysEmptyState } from "./_components/keys-empty-state";
import { FindKey } from "./_components/find-key";
import { KeysSearch } from "./_components/keys-search";
import { KeysTable } from "./_components/keys-table";
import type { KeysSorting } from "./_components/column-sort";
import { ManagedKeysTable } from "./_components/managed-keys-table";
import { RevealPolicy } from "./_components/reveal-policy";

export const metadata: Metadata = { title: "API Keys" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ApiKeysPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { project, role } = await requireMember(slug);
  const canManage = memberMay(role, "manages");
  // Search, filters, sort and page from the address; a value the page does not know (or a search
  // the database must not see, with a control character) is dropped with its message.
  const { params: wanted, problems } = parseKeyListParams(await searchParams);
  const [list, channelRows, policy] = await Promise.all([
    listKeys(project.id, { ...wanted, secretsRevealable: memberMay(role, "revealsSecretKeys") && project.revealSecretKeys }),
    listChannels(project.id),
    keyPolicy(project.id),
  ]);
  const unfiltered = !wanted.query && !wanted.role && !wanted.flag && wanted.status === "all";
  const keyCount = unfiltered ? list.total : await countKeys(project.id);
  const channels = channelRows.map(({ id, slug: s, name }) => ({ id, slug: s, name }));
  const listPath = `/p/${project.slug}/settings/api-keys`;
  const sorting: KeysSorting = {
    sort: wanted.sort,
    dir: wanted.dir,
    hrefs: Object.fromEntries(Object.keys(KEY_SORTS).map((column) => [column, `${listPath}${sortHref(wanted, column as KeySort)}`])) as KeysSorting["hrefs"],
  };
  const pageParams = Object.fromEntries(new URLSearchParams(keyListHref({ ...wanted, page: 1 })));

  const content = (
    <>
      <PageHeader
        title="API Keys"
        description={
          <>
            Keys authenticate calls to <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs">/api/v1</code>. Give each integration its own key with the least role it needs.
          </>
        }
        actions={canManage && keyCount > 0 && <CreateKeyButton />}
      />

      {!canManage && <p className="mt-4 rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm text-zinc-600">You are a viewer in this project: you can see its keys but not change them.</p>}

      <div className="mt-6">
        {keyCount === 0 ? (
          <KeysEmptyState canManage={canManage} />
        ) : (
          <>
            <div className="mb-4 space-y-4">
              {/* Keyed by the address: a "no match" answer does not outlive the list it was given on. */}
              <FindKey key={keyListHref(wanted)} projectSlug={project.slug} />
              <KeysSearch params={wanted} />
              {problems.map((problem) => (
                <p key={problem} role="alert" className="text-sm text-red-700">
                  {problem}
                </p>
              ))}
            </div>
            {list.keys.length === 0 ? (
              <p className="rounded-lg border border-zinc-200 bg-white px-4 py-8 text-center text-sm text-zinc-600">
                {wanted.query ? `No keys match “${wanted.query}” with these filters.` : "No keys match these filters."}
                {wanted.status === "current" && " Revoked keys are hidden: choose a status to see them."}
              </p>
            ) : canManage ? (
              <ManagedKeysTable keys={list.keys} flags={list.flags} projectSlug={project.slug} channels={channels} sorting={sorting} />
            ) : (
              <KeysTable keys={list.keys} flags={list.flags} projectSlug={project.slug} sorting={sorting} />
            )}
            <Pagination page={list.page} pageCount={list.pageCount} total={list.total} params={pageParams} noun="key" />
          </>
        )}
      </div>
      <RevealPolicy projectSlug={project.slug} enabled={project.revealSecretKeys} canChange={memberMay(role, "setsSecurityPolicy")} />
    </>
  );
  return canManage ? (
    <KeyDialogsProvider projectSlug={project.slug} policy={policy} channels={channels}>
      {content}
    </KeyDialogsProvider>
  ) : (
    content
  );
}
