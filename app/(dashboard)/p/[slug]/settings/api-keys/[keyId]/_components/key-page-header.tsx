import Link from "next/link";
import { CopyButton } from "@/components/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import type { KeyRow, RotationStep } from "@/lib/keys/queries";
import { KeyStatusBadge } from "../../_components/key-status-badge";
import { GraceCountdown } from "../../_components/grace-countdown";
import { inGracePeriod } from "../../_components/key-commands";

type Props = { apiKey: KeyRow; replacement: RotationStep | undefined; keysPage: string; actions: React.ReactNode };

/** The key page's top: where it is, its name, status and copyable id, its actions (managers only), and what replaced it. */
export function KeyPageHeader({ apiKey, replacement, keysPage, actions }: Props) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
        <Link href={keysPage} className="hover:text-zinc-800">
          API Keys
        </Link>{" "}
        / <span className="text-zinc-700">{apiKey.name}</span>
      </nav>
      <PageHeader className="mt-2" title={apiKey.name} badge={<KeyStatusBadge status={apiKey.status} />} description={apiKey.description} actions={actions}>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-zinc-600">
          <span>Key id</span>
          <code className="break-all rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-800">{apiKey.id}</code>
          <CopyButton value={apiKey.id} label="Copy key id" size="sm" />
        </div>
      </PageHeader>
      {apiKey.replacedBy && (
        <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Replaced by{" "}
          {replacement ? (
            <Link href={`${keysPage}/${replacement.id}`} className="font-mono text-xs font-medium underline">
              {replacement.preview}
            </Link>
          ) : (
            "a deleted key"
          )}
          {inGracePeriod(apiKey) && (
            <>
              {" · "}
              <GraceCountdown expiresAt={apiKey.expiresAt} />
            </>
          )}
        </p>
      )}
    </>
  );
}
