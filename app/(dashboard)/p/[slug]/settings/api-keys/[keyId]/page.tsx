import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/require-member";
import { keyDetail } from "@/lib/keys/queries";
import { auditEntriesAboutKey } from "@/lib/audit/queries";
import { recentRequests, usageSeries } from "@/lib/keys/usage-queries";
import { isOutcome } from "@/lib/keys/outcomes";
import { permissionUse } from "@/lib/keys/used-permissions";
import { listChannels } from "@/lib/channels/queries";
import { keyPolicy } from "@/lib/keys/policy-service";
import { quotaLeft } from "@/lib/keys/quota-store";
import { memberMay } from "@/lib/members/rules";
import { ROLE_INFO, type CustomPermissions, type KeyRole } from "@/lib/permissions";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/relative-time";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { ChannelList } from "@/components/channel-list";
import { Section } from "@/components/ui/section";
import { KeyStatusBadge } from "../_components/key-status-badge";
import { KeyDialogsProvider } from "../_components/key-dialogs";
import { quotaText } from "../_components/restriction-form";
import { UsageChart } from "./_components/usage-chart";
import { PermissionUse } from "./_components/permission-use";
import { ReduceKeyButton } from "./_components/reduce-key-button";
import { KeyActionsBar } from "./_components/key-actions-bar";
import { KeyPageHeader } from "./_components/key-page-header";
import { RecentRequestsTable } from "./_components/recent-requests-table";
import { RecentRequestsFilter } from "./_components/recent-requests-filter";
import { RecentRequestsPager } from "./_components/recent-requests-pager";

export const metadata: Metadata = { title: "API key" };

type Param = string | string[] | undefined;
type Props = { params: Promise<{ slug: string; keyId: string }>; searchParams: Promise<{ outcome?: Param; before?: Param; after?: Param }> };
const single = (value: Param) => (typeof value === "string" ? value : undefined);

const LEVEL_LABEL: Record<string, string> = { read: "Read", write: "Write", read_write: "Read & write" };

/**
 * A key's detail page (SPEC §6), the key's home: its row menu's actions in the header, its settings,
 * when and from where it was last used, its usage, recent requests, rotations and audit entries.
 */
export default async function KeyDetailPage({ params, searchParams }: Props) {
  const { slug, keyId } = await params;
  const query = await searchParams;
  const { project, role: memberRole } = await requireMember(slug);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(keyId)) notFound();
  const canManage = memberMay(memberRole, "manages");
  const detail = await keyDetail(project.id, keyId, { secretsRevealable: memberMay(memberRole, "revealsSecretKeys") && project.revealSecretKeys });
  if (!detail) notFound();
  const { key, createdBy, history } = detail;
  const current = history.findIndex((step) => step.current);
  const [replaced, replacement] = [history[current - 1], current >= 0 ? history[current + 1] : undefined];
  const outcome = isOutcome(query.outcome) ? query.outcome : null;
  const [entries, lastDay, lastMonth, requests, channels, use, policy] = await Promise.all([
    auditEntriesAboutKey(project.id, key.id, replaced?.id ?? null),
    usageSeries(project.id, key.id, "24h"),
    usageSeries(project.id, key.id, "30d"),
    recentRequests(project.id, key.id, { outcome: outcome ?? undefined, before: single(query.before), after: single(query.after) }),
    canManage ? listChannels(project.id) : [],
    permissionUse(project.id, { id: key.id, role: key.role, permissions: key.permissions as CustomPermissions | null }),
    keyPolicy(project.id),
  ]);
  const quota = key.quota && key.quotaPeriod && key.status !== "revoked" ? await quotaLeft(key.id, key.quota, key.quotaPeriod) : null;
  const role = ROLE_INFO[key.role as KeyRole];
  const keysPage = `/p/${project.slug}/settings/api-keys`;
  const channelOptions = channels.map(({ id, slug: channelSlug, name }) => ({ id, slug: channelSlug, name }));
  // A filter or an older page that came out empty still shows the filter, to choose another.
  const browsing = outcome !== null || requests.newer !== null;

  const content = (
    <>
      <KeyPageHeader apiKey={key} replacement={replacement} keysPage={keysPage} actions={canManage && <KeyActionsBar apiKey={key} projectSlug={project.slug} channels={channelOptions} />} />

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Section title="Settings" className="lg:col-span-2">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-4 text-sm sm:grid-cols-2">
            <Item label="Key">
              <span className="font-mono text-xs">{key.preview}</span>
            </Item>
            <Item label="Type">{key.kind === "pk" ? "Publishable" : "Secret"}</Item>
            <Item label="Role">
              <Badge tone={role?.tone ?? "gray"}>{role?.label ?? key.role}</Badge>
              {role && <p className="mt-1 text-xs text-zinc-500">{role.description}</p>}
            </Item>
            <Item label="Scope">{key.scope === "all" ? "All recipients" : <ChannelList channels={key.channels} />}</Item>
            {key.permissions && (
              <Item label="Permissions" wide>
                <ul className="flex flex-wrap gap-1">
                  {Object.entries(key.permissions).map(([resource, level]) => (
                    <li key={resource}>
                      <Badge>
                        {resource}: {LEVEL_LABEL[level ?? ""] ?? level}
                      </Badge>
                    </li>
                  ))}
                </ul>
              </Item>
            )}
            <Item label="Created">
              <RelativeTime date={key.createdAt} />
              {createdBy && (
                <span className="text-zinc-500">
                  {" "}
                  by {createdBy.name} ({createdBy.email})
                </span>
              )}
            </Item>
            <Item label="Expires">{key.expiresAt ? <RelativeTime date={key.expiresAt} /> : "Never"}</Item>
            <Item label="Rate limit">{key.rateLimit ? `${key.rateLimit.toLocaleString("en")} ${key.rateLimit === 1 ? "request" : "requests"} per minute` : "None"}</Item>
            <Item label="Allowed IP addresses">
              {key.allowedIps.length === 0 ? "Anywhere" : <EntryList label="Allowed IP addresses" entries={key.allowedIps} />}
              {key.ipReportOnly && (
                <Badge tone="amber" className="mt-1">
                  Report only
                </Badge>
              )}
            </Item>
            {key.kind === "pk" && <Item label="Allowed origins">{key.allowedOrigins.length === 0 ? "None" : <EntryList label="Allowed origins" entries={key.allowedOrigins} />}</Item>}
            <Item label="Quota">
              {quotaText(key.quota, key.quotaPeriod)}
              {quota && (
                <div className="text-xs text-zinc-500">
                  {quota.left.toLocaleString("en")} left this {key.quotaPeriod}; refills <RelativeTime date={quota.refillsAt} />
                </div>
              )}
            </Item>
          </dl>
        </Section>

        <Section title="Last used">
          {key.lastUsedAt ? (
            <dl className="space-y-4 text-sm">
              <Item label="When">
                <RelativeTime date={key.lastUsedAt} />
                <div className="text-xs text-zinc-500">{key.lastUsedAt.toISOString().replace("T", " ").slice(0, 19)} UTC</div>
              </Item>
              <Item label="From IP">
                <span className="font-mono text-xs">{key.lastUsedIp ?? "unknown"}</span>
              </Item>
            </dl>
          ) : (
            <p className="text-sm text-zinc-600">Never used.</p>
          )}
        </Section>
      </div>

      <Section title="Usage" className="mt-6">
        <UsageChart series={{ "24h": lastDay, "30d": lastMonth }} />
      </Section>

      <Section title="Permissions" description="Which of its permissions this key was allowed to use, per request, and which it holds but never used." className="mt-6">
        {canManage && key.status !== "revoked" && key.kind === "sk" && use.reduction.possible && (
          <div className="mb-4">
            <ReduceKeyButton projectSlug={project.slug} keyId={key.id} keyName={key.name} version={key.version} />
          </div>
        )}
        <PermissionUse used={use.used} neverUsed={use.neverUsed} />
      </Section>

      <Section title="Recent requests" variant="plain" className="mt-6">
        {(requests.requests.length > 0 || browsing) && <RecentRequestsFilter outcome={outcome} />}
        <div className="mt-3">
          {requests.requests.length > 0 ? (
            <RecentRequestsTable requests={requests.requests} />
          ) : (
            <p className="text-sm text-zinc-600">{outcome ? "No requests with this outcome." : "No requests yet."}</p>
          )}
        </div>
        <RecentRequestsPager outcome={outcome} newer={requests.newer} older={requests.older} />
      </Section>

      <Section title="Rotation history" className="mt-6">
        {history.length === 0 ? (
          <p className="text-sm text-zinc-600">This key has not been rotated.</p>
        ) : (
          <ol className="space-y-2 text-sm" aria-label="Rotations, oldest first">
            {history.map((step, index) => (
              <li key={step.id} className="flex flex-wrap items-center gap-3">
                <span className="w-6 text-right text-xs text-zinc-500">{index + 1}.</span>
                {step.current ? (
                  <span className="font-mono text-xs font-semibold text-zinc-900" aria-current="true">
                    {step.preview} (this key)
                  </span>
                ) : (
                  <Link href={`${keysPage}/${step.id}`} className="font-mono text-xs text-brand-700 hover:underline">
                    {step.preview}
                  </Link>
                )}
                <span className="text-zinc-500">
                  created <RelativeTime date={step.createdAt} />
                </span>
                {index < history.length - 1 && step.expiresAt && (
                  <span className="text-zinc-500">
                    · replaced; {step.status === "active" || step.status === "disabled" ? "stops" : "stopped"} <RelativeTime date={step.expiresAt} />
                  </span>
                )}
                <KeyStatusBadge status={step.status} />
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section title="Audit entries" variant="plain" className="mt-6">
        {entries.length === 0 ? <p className="text-sm text-zinc-600">No entries.</p> : <AuditLogTable entries={entries} busy={false} label="Audit trail table" />}
      </Section>
    </>
  );
  return canManage ? (
    <KeyDialogsProvider projectSlug={project.slug} policy={policy} channels={channelOptions}>
      {content}
    </KeyDialogsProvider>
  ) : (
    content
  );
}

function Item({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className="mt-1 text-zinc-800">{children}</dd>
    </div>
  );
}

/** A restriction's entries (addresses, ranges, origins), one per line; long ones wrap rather than widen the page. */
function EntryList({ label, entries }: { label: string; entries: string[] }) {
  return (
    <ul aria-label={label} className="space-y-0.5 font-mono text-xs">
      {entries.map((entry) => (
        <li key={entry} className="break-all">
          {entry}
        </li>
      ))}
    </ul>
  );
}
