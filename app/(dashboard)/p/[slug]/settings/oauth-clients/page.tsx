import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/require-member";
import { memberMay } from "@/lib/members/rules";
import { listClients } from "@/lib/oauth/clients";
import { issuer, oauthEndpoints } from "@/lib/oauth/endpoint";
import { ClientDialogsProvider, RegisterClientButton } from "./_components/client-dialogs";
import { ClientsEmptyState } from "./_components/clients-empty-state";
import { ClientsTable, type ClientListItem } from "./_components/clients-table";
import { ManagedClientsTable } from "./_components/managed-clients-table";

export const metadata: Metadata = { title: "OAuth clients" };

export default async function OAuthClientsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project, role } = await requireMember(slug);
  const canManage = memberMay(role, "manages");
  const clients: ClientListItem[] = (await listClients(project.id)).map(({ id, clientId, name, scope, registeredByType, registeredByLabel, createdAt, lastTokenAt }) => ({
    id,
    clientId,
    name,
    scope,
    registeredByType,
    registeredByLabel,
    createdAt,
    lastTokenAt,
  }));
  const discoveryUrl = `${issuer()}/.well-known/oauth-authorization-server`;

  const content = (
    <>
      <PageHeader
        title="OAuth clients"
        description="Machines trade a client secret for short-lived tokens (OAuth 2.0 client credentials). Each token carries the scopes the client was given, or fewer."
        actions={canManage && clients.length > 0 && <RegisterClientButton />}
      />

      {!canManage && (
        <p className="mt-4 rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm text-zinc-600">You are a viewer in this project: you can see its OAuth clients but not change them.</p>
      )}

      <div className="mt-6">
        {clients.length === 0 ? (
          <ClientsEmptyState canManage={canManage} discoveryUrl={discoveryUrl} />
        ) : canManage ? (
          <ManagedClientsTable clients={clients} projectSlug={project.slug} />
        ) : (
          <ClientsTable clients={clients} />
        )}
      </div>
      {clients.length > 0 && (
        <p className="mt-4 text-xs text-zinc-500">
          Endpoints for OAuth libraries:{" "}
          <a href={discoveryUrl} className="break-words font-mono text-brand-700 underline hover:text-brand-800">
            /.well-known/oauth-authorization-server
          </a>
        </p>
      )}
    </>
  );
  return canManage ? (
    <ClientDialogsProvider projectSlug={project.slug} tokenEndpoint={oauthEndpoints().token}>
      {content}
    </ClientDialogsProvider>
  ) : (
    content
  );
}
