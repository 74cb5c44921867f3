import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/relative-time";
import { Table, type Column } from "@/components/ui/table";

/** What the table shows of an endpoint (never its signing secret). */
export type EndpointListItem = { id: string; url: string; events: string[]; createdAt: Date };

const columns = (base: string): Column<EndpointListItem>[] => [
  {
    header: "URL",
    card: "main",
    className: "md:max-w-md",
    cell: (endpoint) => (
      <Link href={`${base}/${endpoint.id}`} className="block break-all font-mono text-xs font-medium text-brand-700 underline hover:text-brand-800">
        {endpoint.url}
      </Link>
    ),
  },
  {
    header: "Events",
    card: "wide",
    className: "row-start-2",
    cell: (endpoint) => (
      <span className="flex flex-wrap gap-1">
        {endpoint.events.map((event) => (
          <Badge key={event} className="font-mono">
            {event}
          </Badge>
        ))}
      </span>
    ),
  },
  { header: "Created", card: "wide", cardLabel: "Created ", className: "row-start-3 text-xs text-zinc-600 md:text-sm", cell: (endpoint) => <RelativeTime date={endpoint.createdAt} /> },
];

/** The endpoints table (cards on a phone); a URL opens the endpoint's deliveries. `actions` renders a row's menu; viewers get none. */
export function EndpointsTable({ endpoints, base, actions }: { endpoints: EndpointListItem[]; base: string; actions?: (endpoint: EndpointListItem) => React.ReactNode }) {
  return <Table label="Webhook endpoints" rows={endpoints} rowKey={(endpoint) => endpoint.id} columns={columns(base)} actions={actions} />;
}
