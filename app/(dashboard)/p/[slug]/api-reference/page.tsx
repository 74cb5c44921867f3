import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/require-member";
import { API_ROLES } from "@/lib/permissions";
import { openApiDocument } from "@/lib/resources/openapi";
import { ApiReferenceViewer } from "./_components/api-reference-viewer";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireMember(slug);
  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader
        title="API reference"
        description={
          <>
            Every <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs">/api/v1</code> route, with the least key role it needs ({API_ROLES.join(" < ")}; each role includes the ones before it). The
            same document is served without a key at{" "}
            <a href="/api/v1/openapi.json" className="font-medium text-brand-700 underline-offset-2 hover:underline">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <div className="mt-6 border border-zinc-200 bg-white">
        <ApiReferenceViewer document={openApiDocument()} />
      </div>
    </div>
  );
}
