"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { RowMenu, type RowMenuItem } from "@/components/row-menu";
import { Badge } from "@/components/ui/badge";
import { Dialog } from "@/components/ui/dialog";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/relative-time";
import { Table, type Column } from "@/components/ui/table";
import { useToast } from "@/components/toast";
import { MEMBER_ROLE_INFO, type MemberRole } from "@/lib/permissions";
import { assignableRoles, mayAssign, memberMay } from "@/lib/members/rules";
import type { InvitationRow, MemberRow } from "@/lib/members/queries";
import { cancelInvitationAction, copyInvitationLinkAction, removeMemberAction, resendInvitationAction } from "../actions";
import { ChangeRoleForm } from "./change-role-form";
import { useFreshAuth } from "@/app/(dashboard)/_components/confirm-identity/use-fresh-auth";
import { InviteLinkDialog, type InviteLinkState } from "./invite-link-dialog";

type Props = { members: MemberRow[]; invitations: InvitationRow[]; projectSlug: string; currentUserId: string; callerRole: MemberRole };
type Confirming = { kind: "remove"; member: MemberRow } | { kind: "cancel"; invitation: InvitationRow } | { kind: "resend"; invitation: InvitationRow };

/** A member or a pending invitation: one row each. */
type Person = (MemberRow & { kind: "member" }) | (InvitationRow & { kind: "invitation" });

// A phone shows each person as a card: name (or invitation) with the menu, then e-mail, role and when added.
const columns = (currentUserId: string): Column<Person>[] => [
  {
    header: "Name",
    card: "main",
    cell: (p) =>
      p.kind === "member" ? (
        <span className="font-medium text-zinc-900">
          {p.name}
          {p.userId === currentUserId && <span className="ml-1.5 text-xs font-normal text-zinc-500">(you)</span>}
        </span>
      ) : p.needsResend ? (
        <Badge tone="red">Invitation expired</Badge>
      ) : (
        <Badge tone="amber">Invitation pending</Badge>
      ),
  },
  { header: "Email", card: "wide", className: "break-all text-zinc-700 md:break-normal", cell: (p) => p.email },
  { header: "Role", cell: (p) => <Badge tone={MEMBER_ROLE_INFO[p.role].tone}>{MEMBER_ROLE_INFO[p.role].label}</Badge> },
  { header: "Added", card: "wide", cardLabel: "Added ", className: "text-xs text-zinc-600 md:text-sm", cell: (p) => <RelativeTime date={p.kind === "member" ? p.addedAt : p.createdAt} /> },
];

export function MembersTable({ members, invitations, projectSlug, currentUserId, callerRole }: Props) {
  const router = useRouter();
  const [changing, setChanging] = useState<MemberRow | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [confirmError, setConfirmError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const { withFreshAuth, confirmDialog } = useFreshAuth();
  const [inviteLink, setInviteLink] = useState<InviteLinkState | null>(null);
  const canManage = memberMay(callerRole, "manages");
  // Hide what the server would refuse (lib/members/rules.ts): only owners touch owners.
  const mayTouch = (role: MemberRole) => canManage && mayAssign(callerRole, role);

  function confirm(next: Confirming) {
    setConfirmError(undefined);
    setConfirming(next);
  }

  function runConfirmed() {
    if (!confirming) return;
    startTransition(async () => {
      if (confirming.kind === "remove") {
        const result = await withFreshAuth(removeMemberAction)(null, { projectSlug, id: confirming.member.id });
        if (!result.ok) return setConfirmError(result.error.message);
        setConfirming(null);
        toast(`${confirming.member.name} was removed from the project.`);
        if (result.data.self) router.replace("/");
      } else {
        const act = confirming.kind === "cancel" ? cancelInvitationAction : withFreshAuth(resendInvitationAction);
        const result = await act(null, { projectSlug, id: confirming.invitation.id });
        if (!result.ok) return setConfirmError(result.error.message);
        setConfirming(null);
        toast(confirming.kind === "cancel" ? `Invitation to ${confirming.invitation.email} cancelled.` : `Invitation to ${confirming.invitation.email} sent again.`);
      }
    });
  }

  function showLink(invitation: InvitationRow) {
    startTransition(async () => {
      const result = await withFreshAuth(copyInvitationLinkAction)(null, { projectSlug, id: invitation.id });
      setInviteLink(result.ok ? { email: invitation.email, link: result.data.link } : { email: invitation.email, error: result.error.message });
    });
  }

  const invitationMenu = (i: InvitationRow): RowMenuItem[] => [
    ...(i.needsResend ? [] : [{ label: "Copy invite link", onSelect: () => showLink(i) }]),
    { label: "Resend", onSelect: () => confirm({ kind: "resend", invitation: i }) },
    { label: "Cancel invitation", danger: true, onSelect: () => confirm({ kind: "cancel", invitation: i }) },
  ];

  const memberMenu = (m: MemberRow): RowMenuItem[] => [
    { label: "Change role", onSelect: () => setChanging(m) },
    { label: "Remove", danger: true, onSelect: () => confirm({ kind: "remove", member: m }) },
  ];

  const people: Person[] = [...members.map((m) => ({ kind: "member" as const, ...m })), ...invitations.map((i) => ({ kind: "invitation" as const, ...i }))];
  const menu = (p: Person) =>
    mayTouch(p.role) && (p.kind === "member" ? <RowMenu label={`Actions for ${p.email}`} items={memberMenu(p)} /> : <RowMenu label={`Actions for ${p.email}`} items={invitationMenu(p)} />);
  return (
    <>
      <Table label="Members" rows={people} rowKey={(p) => `${p.kind}-${p.id}`} columns={columns(currentUserId)} actions={canManage ? menu : undefined} />
      <Dialog open={changing !== null} onOpenChange={(open) => !open && setChanging(null)} title="Change role" description={changing?.email}>
        {changing && <ChangeRoleForm key={changing.id} member={changing} projectSlug={projectSlug} assignable={assignableRoles(callerRole)} onDone={() => setChanging(null)} />}
      </Dialog>
      <InviteLinkDialog state={inviteLink} onClose={() => setInviteLink(null)} />
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        {...confirmText(confirming, currentUserId)}
        onConfirm={runConfirmed}
        pending={pending}
        error={confirmError}
      />
      {confirmDialog}
    </>
  );
}

function confirmText(confirming: Confirming | null, currentUserId: string) {
  if (confirming?.kind === "cancel") {
    return { title: "Cancel invitation", description: `The invite link sent to ${confirming.invitation.email} stops working.`, confirmLabel: "Cancel invitation", cancelLabel: "Keep invitation" };
  }
  if (confirming?.kind === "resend") {
    return { title: "Resend invitation", description: `${confirming.invitation.email} gets a new e-mail with a new link, valid for 7 days. Links sent before stop working.`, confirmLabel: "Resend" };
  }
  const self = confirming?.member.userId === currentUserId;
  return self
    ? { title: "Leave project", description: "You will lose access to this project. Another admin or owner can add you again.", confirmLabel: "Remove" }
    : { title: "Remove member", description: `${confirming?.member.email ?? ""} will lose access to this project at once.`, confirmLabel: "Remove" };
}
