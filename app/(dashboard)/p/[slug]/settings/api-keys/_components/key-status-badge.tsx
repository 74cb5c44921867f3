import { Badge } from "@/components/ui/badge";
import type { KeyStatus } from "@/lib/keys/queries";

const TONE = { active: "green", disabled: "gray", revoked: "red", expired: "amber" } as const;
const LABEL = { active: "Active", disabled: "Disabled", revoked: "Revoked", expired: "Expired" } as const;

export function KeyStatusBadge({ status }: { status: KeyStatus }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
