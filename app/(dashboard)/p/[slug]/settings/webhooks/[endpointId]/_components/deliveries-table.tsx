import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/relative-time";
import { Table, type Column } from "@/components/ui/table";
import type { DeliveryLogItem } from "@/lib/webhooks/queries";

function StatusBadge({ delivery }: { delivery: DeliveryLogItem }) {
  if (delivery.status === "succeeded") return <Badge tone="green">Succeeded</Badge>;
  if (delivery.status === "failed") return <Badge tone="red">Failed</Badge>;
  return <Badge tone="amber">{delivery.attempts > 0 ? "Retrying" : "Pending"}</Badge>;
}

const COLUMNS: Column<DeliveryLogItem>[] = [
  { header: "Event", card: "main", cell: (delivery) => <code className="font-mono text-xs text-zinc-900">{delivery.eventType}</code> },
  { header: "Status", cell: (delivery) => <StatusBadge delivery={delivery} /> },
  { header: "Attempts", cardLabel: "Attempts: ", className: "text-zinc-700", cell: (delivery) => delivery.attempts },
  {
    header: "Response",
    card: "wide",
    cardLabel: "Response: ",
    className: "text-xs text-zinc-700 md:max-w-xs md:text-sm",
    cell: (delivery) => (
      <>
        {delivery.responseStatus ? <span className="font-mono">{delivery.responseStatus}</span> : delivery.attempts > 0 ? "No answer" : "Not sent yet"}
        {delivery.lastError && delivery.status !== "succeeded" && <span className="block break-words text-xs text-zinc-500">{delivery.lastError}</span>}
      </>
    ),
  },
  {
    header: "Time",
    card: "wide",
    className: "text-xs text-zinc-600 md:text-sm",
    cell: (delivery) => (
      <>
        <RelativeTime date={delivery.createdAt} />
        {delivery.status === "pending" && delivery.attempts > 0 && (
          <span className="block text-xs text-zinc-500">
            Next attempt <RelativeTime date={delivery.nextAttemptAt} />
          </span>
        )}
      </>
    ),
  },
];

/** The endpoint's delivery log, newest first (cards on a phone). */
export function DeliveriesTable({ deliveries }: { deliveries: DeliveryLogItem[] }) {
  return <Table label="Deliveries" rows={deliveries} rowKey={(delivery) => delivery.id} columns={COLUMNS} />;
}
